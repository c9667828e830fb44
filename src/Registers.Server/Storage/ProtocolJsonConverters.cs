using System.Text.Json;
using System.Text.Json.Serialization;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Server.Storage;

/// <summary>JSON forms of protocol values, as the register wire writes them.</summary>
internal static class ProtocolJsonConverters
{
    /// <summary>Adds every converter to <paramref name="options"/>.</summary>
    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Add(new DigestConverter());
        options.Converters.Add(new EntryTimestampConverter());
    }

    /// <summary><c>sha-256:&lt;hex&gt;</c>.</summary>
    private sealed class DigestConverter : JsonConverter<Digest>
    {
        public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Digest.TryParse(reader.GetString(), out var digest) ? digest : throw new JsonException("Expected sha-256:<64 hex digits>.");

        public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    private sealed class EntryTimestampConverter : JsonConverter<EntryTimestamp>
    {
        public override EntryTimestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            EntryTimestamp.TryParse(reader.ValueSpan, out var timestamp) ? timestamp : throw new JsonException("Expected a timestamp yyyy-MM-ddTHH:mm:ssZ.");

        public override void Write(Utf8JsonWriter writer, EntryTimestamp value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
