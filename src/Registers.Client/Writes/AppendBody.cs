using System.Buffers;
using System.Text.Json;
using Registers.Protocol.Entries;

namespace Registers.Client.Writes;

/// <summary>
/// The JSON body of <c>POST /registers/{name}/entries</c>: <c>{"entries":[{"key":...,"item":{...}},...]}</c>, items written
/// as their canonical bytes (never re-serialised), <c>items</c> for an entry of several, <c>timestamp</c> and <c>log</c>
/// only when given.
/// </summary>
internal static class AppendBody
{
    public static byte[] Write(IReadOnlyList<NewEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one entry.", nameof(entries));
        }

        var buffer = new ArrayBufferWriter<byte>(256 * entries.Count);
        using (var json = Writer(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                ArgumentNullException.ThrowIfNull(entry, nameof(entries));
                WriteEntry(json, entry);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A writer as the body is written with.</summary>
    public static Utf8JsonWriter Writer(IBufferWriter<byte> buffer) =>
        new(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Writes one entry of the <c>entries</c> array.</summary>
    public static void WriteEntry(Utf8JsonWriter json, NewEntry entry)
    {
        if (entry.Items is not { Count: > 0 })
        {
            throw new ArgumentException($"The entry for '{entry.Key}' has no item.", nameof(entry));
        }

        json.WriteStartObject();
        json.WriteString("key", entry.Key);
        if (entry.Items.Count == 1)
        {
            json.WritePropertyName("item");
            json.WriteRawValue(entry.Items[0].Bytes, skipInputValidation: true);
        }
        else
        {
            json.WriteStartArray("items");
            foreach (var item in entry.Items)
            {
                json.WriteRawValue(item.Bytes, skipInputValidation: true);
            }

            json.WriteEndArray();
        }

        if (entry.Timestamp is { } timestamp)
        {
            json.WriteString("timestamp", timestamp.ToString());
        }

        if (entry.Log != EntryLog.User)
        {
            json.WriteString("log", entry.Log.ToWireName());
        }

        json.WriteEndObject();
    }
}
