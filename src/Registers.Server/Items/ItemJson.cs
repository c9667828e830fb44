using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registers.Server.Items;

/// <summary>
/// An item in a JSON answer: its canonical JSON written exactly as stored (and hashed), never re-serialised. Its
/// attributes are strings or lists of strings, as v1 items are.
/// </summary>
/// <param name="Content">The item's canonical JSON.</param>
[JsonConverter(typeof(ItemJsonConverter))]
public readonly record struct ItemJson(string Content)
{
    /// <summary>The attributes in stored (canonical, so sorted) order, lists as arrays; for CSV and filters.</summary>
    public IEnumerable<(string Name, string[] Values)> Attributes()
    {
        using var document = JsonDocument.Parse(Content);
        var attributes = new List<(string, string[])>();
        foreach (var member in document.RootElement.EnumerateObject())
        {
            attributes.Add((member.Name, member.Value.ValueKind == JsonValueKind.Array
                ? [.. member.Value.EnumerateArray().Select(value => value.GetString() ?? "")]
                : [member.Value.GetString() ?? ""]));
        }

        return attributes;
    }
}

/// <summary>Writes an <see cref="ItemJson"/> as the raw JSON it holds.</summary>
public sealed class ItemJsonConverter : JsonConverter<ItemJson>
{
    /// <inheritdoc/>
    public override ItemJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new ItemJson(document.RootElement.GetRawText());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ItemJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.Content, skipInputValidation: true);
    }
}
