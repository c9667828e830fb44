using System.Text.Json;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

/// <summary>
/// A page of records whose items are large is sent as it is read, in chunks, rather than made whole in memory first;
/// what arrives is the same page.
/// </summary>
public sealed class LargeRecordPageTests(PostgresCluster cluster)
{
    private const int Records = 12;
    private const int NoteLength = 512 * 1024;

    [Fact]
    public async Task A_page_larger_than_a_whole_answer_is_chunked_and_holds_every_record_with_its_items()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var notes = await NotesRegister.CreateAsync(server, Records, NoteLength);

        using var response = await server.Client.GetAsync("/registers/notes/records?page-size=100", HttpCompletionOption.ResponseHeadersRead);
        var length = response.Content.Headers.ContentLength; // read before the body, which HttpClient would count
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Length > JsonObjectBody<object>.WholeBytes, $"the page is {body.Length} bytes");
        Assert.Null(length);
        Assert.True(response.Headers.TransferEncodingChunked);
        var records = JsonDocument.Parse(body).RootElement;
        Assert.Equal(notes.Keys.Order(StringComparer.Ordinal), records.EnumerateObject().Select(record => record.Name));
        foreach (var record in records.EnumerateObject())
        {
            Assert.Equal(notes[record.Name], record.Value.GetProperty("item")[0].GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Head_of_a_large_page_has_the_get_headers_without_a_length_or_a_body()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await NotesRegister.CreateAsync(server, Records, NoteLength);

        var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/registers/notes/records?page-size=100"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Null(head.Content.Headers.ContentLength);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/registers/notes/records.csv?page-size=100")]
    [InlineData("/registers/notes/download-csv")]
    public async Task Csv_of_large_records_holds_every_record(string path)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var notes = await NotesRegister.CreateAsync(server, Records, NoteLength);

        var csv = await server.Client.GetStringAsync(path);

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Records + 1, rows.Length);
        Assert.All(rows.Skip(1), row => Assert.EndsWith("," + notes[row.Split(',')[3]], row, StringComparison.Ordinal));
    }
}
