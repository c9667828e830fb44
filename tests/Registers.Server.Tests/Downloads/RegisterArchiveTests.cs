using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Downloads;

/// <summary>GOV.UK's <c>/download-register</c>: the register as a ZIP archive of its resource, items and entries.</summary>
public sealed class RegisterArchiveTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Fact]
    public async Task The_archive_holds_the_register_resource_every_entry_as_govuk_wrote_it_and_every_item_they_cite()
    {
        var answer = await _client.GetAsync("/registers/country/download-register");
        answer.EnsureSuccessStatusCode();
        Assert.Equal("application/zip", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("country-8.zip", answer.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(await answer.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var files = zip.Entries.ToDictionary(file => file.FullName, Read);

        Assert.Equal(JsonCompare.Normalised(await _client.GetFromJsonAsync<JsonNode>("/registers/country/register")), JsonCompare.Normalised(JsonNode.Parse(files["register.json"])));

        var entries = files.Keys.Where(name => name.StartsWith("entry/", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, entries.Count);
        var tree = new CompactRange();
        var cited = new HashSet<string>();
        for (var number = 1; number <= 8; number++)
        {
            var served = (await _client.GetFromJsonAsync<JsonArray>($"/registers/country/entries/{number}"))![0]!.AsObject();
            served.Remove("chain-hash");
            served.Remove("links");
            var archived = JsonNode.Parse(files[$"entry/{number}.json"])!;
            Assert.Equal(served.ToJsonString(), archived.ToJsonString()); // GOV.UK's members, in GOV.UK's order

            var hashes = archived["item-hash"]!.AsArray().Select(hash => (string)hash!).ToArray();
            cited.UnionWith(hashes);
            tree.Append(EntryLeaf.Hash(number, EntryTimestamp.Parse((string)archived["entry-timestamp"]!), (string)archived["key"]!, [.. hashes.Select(Digest.Parse)]));
        }

        var items = files.Where(file => file.Key.StartsWith("item/", StringComparison.Ordinal)).ToList();
        Assert.All(items, item => Assert.Equal($"item/{Digest.Of(Encoding.UTF8.GetBytes(item.Value)).ToHex()}.json", item.Key));
        Assert.Equal(cited.Order(), items.Select(item => "sha-256:" + item.Key["item/".Length..^".json".Length]).Order());
        Assert.Equal(1 + 8 + items.Count, files.Count);

        var proof = await _client.GetFromJsonAsync<JsonNode>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal((string)proof!["root-hash"]!, tree.Root().ToString());
    }

    [Fact]
    public async Task The_archive_is_revalidated_by_size_and_answers_head_without_a_body()
    {
        var first = await _client.GetAsync("/registers/country/download-register");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/registers/country/download-register");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var head = new HttpRequestMessage(HttpMethod.Head, "/registers/country/download-register");

        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
        var headAnswer = await _client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headAnswer.StatusCode);
        Assert.Empty(await headAnswer.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_archive_of_a_size_is_the_same_bytes_whenever_it_is_downloaded_its_files_dated_as_the_last_entry()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var first = await _client.GetAsync("/registers/country/download-register", cancellation);
        await Task.Delay(TimeSpan.FromSeconds(2.5), cancellation); // a ZIP dates its files to the 2 seconds
        var second = await _client.GetAsync("/registers/country/download-register", cancellation);

        // The ETag is strong: the same tag must mean the same bytes.
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(cancellation), await second.Content.ReadAsByteArrayAsync(cancellation));

        var lastUpdated = DateTimeOffset.Parse((string)(await _client.GetFromJsonAsync<JsonNode>("/registers/country/register", cancellation))!["last-updated"]!, System.Globalization.CultureInfo.InvariantCulture);
        using var zip = new ZipArchive(await second.Content.ReadAsStreamAsync(cancellation));
        Assert.All(zip.Entries, file => Assert.Equal(lastUpdated.UtcDateTime.AddSeconds(-(lastUpdated.Second % 2)), file.LastWriteTime.DateTime));
    }

    [Fact]
    public async Task An_unknown_register_has_no_archive_and_a_suffix_is_refused()
    {
        await (await _client.GetAsync("/registers/nowhere/download-register")).AssertProblemAsync(404, parameter: null);
        Assert.Equal(HttpStatusCode.NotAcceptable, (await _client.GetAsync("/registers/country/download-register.json")).StatusCode);
    }

    private static string Read(ZipArchiveEntry file)
    {
        using var reader = new StreamReader(file.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
