using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Proofs;

/// <summary>A register of one full entry bundle and part of the next.</summary>
public sealed class OneBundleAndSome(PostgresCluster cluster) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await RunningServer.StartAsync(cluster);
        await (await GrowingRegister.CreateAsync(Server, "widget")).AppendBatchAsync(300);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>C2SP tlog-tiles: entry bundles SHOULD be compressed at the HTTP layer; each encoding is its own representation.</summary>
public sealed class EntryBundleEncodingTests(OneBundleAndSome fixture) : IClassFixture<OneBundleAndSome>
{
    private const string Register = "widget";
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task Entry_bundles_are_gzipped_for_a_client_that_takes_gzip_and_hash_tiles_are_not()
    {
        var bundle = $"/registers/{Register}/tile/entries/000";
        using var plain = await _client.GetAsync(bundle);
        using var gzipped = await GetAcceptingAsync(bundle, "gzip, br");
        using var refused = await GetAcceptingAsync(bundle, "gzip;q=0, *");
        using var tile = await GetAcceptingAsync($"/registers/{Register}/tile/0/000", "gzip");

        var identity = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        await using (var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            using var inflated = new MemoryStream();
            await unzip.CopyToAsync(inflated);
            Assert.Equal(identity, inflated.ToArray());
        }

        Assert.True(compressed.Length < identity.Length / 2, $"{compressed.Length} bytes gzipped of {identity.Length}");
        Assert.NotEqual(plain.Headers.ETag, gzipped.Headers.ETag);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Empty(refused.Content.Headers.ContentEncoding);
        Assert.Equal(identity, await refused.Content.ReadAsByteArrayAsync());
        Assert.Empty(tile.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_gzipped_bundle_is_not_modified_for_its_own_etag_only()
    {
        var bundle = $"/registers/{Register}/tile/entries/001.p/5";
        using var plain = await _client.GetAsync(bundle);
        using var gzipped = await GetAcceptingAsync(bundle, "gzip");

        using var again = await GetAcceptingAsync(bundle, "gzip", gzipped.Headers.ETag);
        using var otherTag = await GetAcceptingAsync(bundle, "gzip", plain.Headers.ETag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAcceptingAsync(string path, string encodings, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encodings);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await _client.SendAsync(request);
    }
}
