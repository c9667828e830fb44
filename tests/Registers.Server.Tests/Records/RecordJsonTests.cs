using System.Buffers;
using System.Text.Json;
using Registers.Protocol.Entries;
using Registers.Server.Items;
using Registers.Server.Records;

namespace Registers.Server.Tests.Records;

/// <summary>A record page's members are written by hand; they must be what the serialiser writes for the declared resource.</summary>
public sealed class RecordJsonTests
{
    [Theory]
    [InlineData("GB", """{"country":"GB","name":"United Kingdom"}""")]
    [InlineData("Zoë <&> \"quoted\"", """{"name":"Zoë","notes":["a","b"]}""")]
    public void A_written_record_is_the_serialised_resource(string key, string item)
    {
        var options = new JsonSerializerOptions();
        ServerApp.ConfigureJson(options);
        var record = new StoredRecord(7, key, EntryTimestamp.Parse("2024-01-02T03:04:05Z"), [new ItemJson(item), new ItemJson("""{"x":"y"}""")]);
        var serialised = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, RecordResource> { [key] = RecordResource.From(record) }, options);

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            json.WriteStartObject();
            RecordResource.WriteJson(json, record);
            json.WriteEndObject();
        }

        Assert.Equal(System.Text.Encoding.UTF8.GetString(serialised), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
