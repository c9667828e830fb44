using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Entries;

public sealed class EntryTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/entries", "entries.json")]
    [InlineData("/registers/country/entries.csv", "entries.csv")]
    [InlineData("/registers/country/entries/7", "entry-7.json")]
    [InlineData("/registers/country/entries/7.csv", "entry-7.csv")]
    [InlineData("/registers/country/system/entries?start=9&limit=3", "system-entries.json")]
    public Task Entries_have_govuks_shape_with_chain_hash_and_links(string path, string golden) =>
        Golden.MatchesAsync(_client, path, "Entries/" + golden);

    [Fact]
    public async Task Pages_link_to_their_neighbours_keeping_the_suffix()
    {
        var response = await _client.GetAsync("/registers/country/entries.json?start=3&limit=2");

        Assert.Equal(
            "</registers/country/entries.json?start=5&limit=2>; rel=\"next\", </registers/country/entries.json?start=1&limit=2>; rel=\"previous\"",
            response.Headers.GetValues("Link").Single());
        var entries = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["3", "4"], entries.EnumerateArray().Select(entry => entry.GetProperty("entry-number").GetString()));
    }

    [Theory]
    // Not start=1&limit=3, whose last two entries the page itself holds: walking back would see them twice.
    [InlineData("entries?start=2&limit=3", "<entries?start=5&limit=3>; rel=\"next\", <entries?start=1&limit=1>; rel=\"previous\"")]
    // Replaced whatever their case, as the query binds them: not sent on beside the link's own.
    [InlineData("entries?START=3&Limit=2", "<entries?start=5&limit=2>; rel=\"next\", <entries?start=1&limit=2>; rel=\"previous\"")]
    [InlineData("entries?start=20&limit=3", "<entries?start=6&limit=3>; rel=\"previous\"")]
    public async Task Pages_link_to_the_pages_before_and_after_them(string page, string links)
    {
        var response = await _client.GetAsync("/registers/country/" + page);

        Assert.Equal(links.Replace("<", "</registers/country/", StringComparison.Ordinal), response.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task A_full_page_with_a_next_page_is_immutable_and_the_last_page_is_tied_to_the_size()
    {
        var full = await _client.GetAsync("/registers/country/entries?start=1&limit=4");
        var last = await _client.GetAsync("/registers/country/entries?start=5&limit=4");

        Assert.Equal("public, max-age=31536000, immutable", full.Headers.CacheControl?.ToString());
        Assert.Equal("public, no-cache", last.Headers.CacheControl?.ToString());
        Assert.Contains("size-8", last.Headers.ETag?.Tag, StringComparison.Ordinal);
        Assert.False(last.Headers.Contains("Link") && last.Headers.GetValues("Link").Single().Contains("next", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_answers_its_etag_with_304()
    {
        var first = await _client.GetAsync("/registers/country/entries/3");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/registers/country/entries/3");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Every_entry_verifies_through_its_own_links_chain_hash_items_and_inclusion_proof()
    {
        var key = VerifierKey.Parse(JsonDocument.Parse(await _client.GetStringAsync("/registers/country/register")).RootElement.GetProperty("log-key").GetString()!);
        var verifier = new CheckpointVerifier("registers.test/registers/country", key);
        var chain = ChainHash.Genesis;
        foreach (var entry in (await _client.GetFromJsonAsync<JsonElement>("/registers/country/entries")).EnumerateArray())
        {
            var number = long.Parse(entry.GetProperty("entry-number").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var links = entry.GetProperty("links");
            var hashes = entry.GetProperty("item-hash").EnumerateArray().Select(hash => Digest.Parse(hash.GetString()!)).ToArray();
            foreach (var (link, hash) in links.GetProperty("items").EnumerateArray().Zip(hashes))
            {
                Assert.Equal(hash, Digest.Of(await _client.GetByteArrayAsync(link.GetString())));
            }

            var leaf = EntryLeaf.Hash(number, EntryTimestamp.Parse(entry.GetProperty("entry-timestamp").GetString()!), entry.GetProperty("key").GetString()!, hashes);
            chain = ChainHash.Next(chain, leaf);
            Assert.Equal(chain.ToString(), entry.GetProperty("chain-hash").GetString());

            Assert.True(verifier.TryVerify(await _client.GetStringAsync(links.GetProperty("checkpoint").GetString()), out var checkpoint));
            var proof = await _client.GetFromJsonAsync<JsonElement>(links.GetProperty("proof").GetString());
            var path = proof.GetProperty("merkle-audit-path").EnumerateArray().Select(node => Digest.Parse(node.GetString()!)).ToArray();
            Assert.True(InclusionProof.Verify(leaf, (ulong)number - 1, (ulong)checkpoint.Size, path, checkpoint.Root), $"entry {number}");
        }
    }

    [Theory]
    [InlineData("/registers/country/entries/0", 400, "entry-number")]
    [InlineData("/registers/country/entries/x", 400, "entry-number")]
    [InlineData("/registers/country/entries?limit=5001", 400, "limit")]
    [InlineData("/registers/country/entries?start=-1", 400, "start")]
    [InlineData("/registers/country/entries/9", 404, null)]
    [InlineData("/registers/nowhere/entries", 404, null)]
    public async Task Bad_requests_are_problems_naming_the_parameter(string path, int status, string? parameter)
    {
        await (await _client.GetAsync(path)).AssertProblemAsync(status, parameter);
    }

    [Theory]
    [InlineData("/registers/country/entries/99999999999999999999", "Parameter 'entry-number' may be at most 9223372036854775807, not 99999999999999999999.")]
    [InlineData("/registers/country/entries?start=99999999999999999999", "Parameter 'start' may be at most 9223372036854770807, not 99999999999999999999.")]
    [InlineData("/registers/country/entries?start=9223372036854775807", "Parameter 'start' may be at most 9223372036854770807, not 9223372036854775807.")]
    [InlineData("/registers/country/records?page-index=99999999999999999999", "Parameter 'page-index' may be at most 1844674407370955, not 99999999999999999999.")]
    [InlineData("/registers/country/entries/0", "Parameter 'entry-number' must be a whole number of at least 1, not '0'.")]
    public async Task A_number_too_large_is_said_to_be_too_large(string path, string detail)
    {
        var parameter = path.Contains("start", StringComparison.Ordinal) ? "start" : path.Contains("page-index", StringComparison.Ordinal) ? "page-index" : "entry-number";
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(400, parameter);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }
}
