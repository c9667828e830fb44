using System.Text.Json;
using Registers.Protocol.Hashing;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Items;

public sealed class ItemTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private static readonly string VaPath = "/registers/country/items/" + RsfBuilder.HashOf(SampleRegister.Va);

    private readonly HttpClient _client = sample.Client;

    [Fact]
    public async Task An_item_is_its_canonical_bytes_so_they_hash_to_its_path()
    {
        var response = await _client.GetAsync(VaPath);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(SampleRegister.Va, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(RsfBuilder.HashOf(SampleRegister.Va), Digest.Of(bytes).ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public Task An_item_as_csv_has_the_registers_fields_as_columns() =>
        Golden.MatchesAsync(_client, VaPath + ".csv", "Items/item-VA.csv");

    [Theory]
    [InlineData("/registers/country/items/sha-256:0000000000000000000000000000000000000000000000000000000000000000", 404, null)]
    [InlineData("/registers/country/items/sha-256:12", 400, "item-hash")]
    [InlineData("/registers/country/items/md5:00", 400, "item-hash")]
    public async Task Unknown_or_malformed_hashes_are_problems(string path, int status, string? parameter)
    {
        await (await _client.GetAsync(path)).AssertProblemAsync(status, parameter);
    }

    [Fact]
    public async Task An_item_of_another_register_is_not_found_here()
    {
        var other = new RsfBuilder()
            .System("name", "2020-01-01T00:00:00Z", """{"name":"other"}""")
            .System("field:other", "2020-01-01T00:00:00Z", """{"cardinality":"1","datatype":"string","field":"other"}""");
        (await _client.LoadAsync("other", other.ToString())).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(VaPath.Replace("/country/", "/other/", StringComparison.Ordinal))).StatusCode);
    }
}
