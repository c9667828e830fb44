using System.Net;
using System.Text.Json;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Proofs;

/// <summary>A 10,000-entry register grown in 100 batches: one checkpoint per batch end.</summary>
public sealed class TenThousandEntries(PostgresCluster cluster) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public GrowingRegister Register { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await RunningServer.StartAsync(cluster);
        Register = await GrowingRegister.CreateAsync(Server, "widget");
        for (var batch = 0; batch < 100; batch++)
        {
            await Register.AppendBatchAsync(100);
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed class ProofTests(TenThousandEntries fixture) : IClassFixture<TenThousandEntries>
{
    private readonly HttpClient _client = fixture.Server.Client;
    private readonly GrowingRegister _register = fixture.Register;

    [Fact]
    public async Task Inclusion_proofs_at_random_sizes_verify_against_the_signed_checkpoint_of_that_size()
    {
        var random = new Random(2024);
        for (var i = 0; i < 200; i++)
        {
            var size = _register.CheckpointSizes[random.Next(_register.CheckpointSizes.Count)];
            var number = random.NextInt64(1, size + 1);
            var root = await _register.VerifiedRootAsync(size);
            var path = await AuditPathAsync(number, size);

            Assert.True(InclusionProof.Verify(_register.Leaves[(int)number - 1], (ulong)number - 1, (ulong)size, path, root, out var error), $"entry {number} at {size}: {error?.Message}");
        }
    }

    [Fact]
    public async Task Consistency_proofs_between_random_signed_sizes_verify()
    {
        var random = new Random(1962);
        for (var i = 0; i < 150; i++)
        {
            var sizes = new[] { Pick(random), Pick(random) }.Order().ToArray();
            var proof = await ConsistencyAsync(sizes[0], sizes[1]);
            var (root1, root2) = (await _register.VerifiedRootAsync(sizes[0]), await _register.VerifiedRootAsync(sizes[1]));

            Assert.True(ConsistencyProof.Verify((ulong)sizes[0], (ulong)sizes[1], root1, root2, proof, out var error),
                $"{sizes[0]} -> {sizes[1]}: {error?.Message}");
        }
    }

    [Fact]
    public async Task A_tampered_proof_or_a_checkpoint_of_another_size_does_not_verify()
    {
        var path = await AuditPathAsync(4321, 6000);
        var leaf = _register.Leaves[4320];
        var root = await _register.VerifiedRootAsync(6000);
        Assert.True(InclusionProof.Verify(leaf, 4320, 6000, path, root));

        var tampered = path.ToArray();
        var bytes = tampered[3].ToArray();
        bytes[0] ^= 1;
        tampered[3] = Digest.FromBytes(bytes);
        Assert.False(InclusionProof.Verify(leaf, 4320, 6000, tampered, root));
        var otherRoot = await _register.VerifiedRootAsync(5900);
        Assert.False(InclusionProof.Verify(leaf, 4320, 6000, path, otherRoot));

        var note = await _client.GetStringAsync($"/registers/{_register.Name}/checkpoint/6000");
        var forged = note.Replace("\n6000\n", "\n6001\n", StringComparison.Ordinal);
        var key = Protocol.Checkpoints.VerifierKey.Parse((await _client.GetStringAsync("/.well-known/registers/log-key")).Trim());
        Assert.False(new Protocol.Checkpoints.CheckpointVerifier($"registers.test/registers/{_register.Name}", key).TryVerify(forged, out _));
    }

    [Fact]
    public async Task The_register_proof_names_the_latest_signed_size_and_root()
    {
        var proof = await _client.GetFromJsonAsync<JsonElement>($"/registers/{_register.Name}/proof/register/merkle:sha-256");

        Assert.Equal(10_000, proof.GetProperty("total-entries").GetInt64());
        Assert.Equal((await _register.VerifiedRootAsync(10_000)).ToString(), proof.GetProperty("root-hash").GetString());
        Assert.Equal("merkle:sha-256", proof.GetProperty("proof-identifier").GetString());
    }

    [Fact]
    public async Task Hash_tiles_hold_the_leaf_hashes_and_the_level_8_nodes()
    {
        var tile = await _client.GetByteArrayAsync($"/registers/{_register.Name}/tile/0/001");
        Assert.Equal(256 * 32, tile.Length);
        Assert.Equal(_register.Leaves[256], Digest.FromBytes(tile.AsSpan(0, 32)));

        var partial = await _client.GetByteArrayAsync($"/registers/{_register.Name}/tile/0/039.p/16");
        Assert.Equal(16 * 32, partial.Length);
        Assert.Equal(_register.Leaves[39 * 256 + 15], Digest.FromBytes(partial.AsSpan(15 * 32, 32)));

        var level1 = await _client.GetByteArrayAsync($"/registers/{_register.Name}/tile/1/000.p/39");
        var tree = new CompactRange();
        tree.AppendRange(_register.Leaves.Take(256).ToArray());
        Assert.Equal(tree.Root(), Digest.FromBytes(level1.AsSpan(0, 32)));
    }

    [Fact]
    public async Task Entry_bundles_hold_the_leaf_bytes_whose_hashes_are_the_leaves()
    {
        var bundle = await _client.GetByteArrayAsync($"/registers/{_register.Name}/tile/entries/002.p/5");
        var offset = 0;
        for (var i = 0; i < 5; i++)
        {
            var length = (bundle[offset] << 8) | bundle[offset + 1];
            Assert.Equal(_register.Leaves[512 + i], MerkleHash.Leaf(bundle.AsSpan(offset + 2, length)));
            offset += 2 + length;
        }

        Assert.Equal(bundle.Length, offset);
    }

    [Theory]
    [InlineData("/tile/0%2F001", "/tile/0/001")]
    [InlineData("/tile/0%2F039.p%2F16", "/tile/0/039.p/16")]
    [InlineData("/tile/1%2f000.p%2f39", "/tile/1/000.p/39")]
    [InlineData("/tile/0/039.p%2F16", "/tile/0/039.p/16")]
    [InlineData("/tile/entries%2F002.p%2F5", "/tile/entries/002.p/5")]
    public async Task A_tile_path_with_its_slashes_escaped_as_a_generated_client_sends_it_answers_as_the_plain_path(string escaped, string plain)
    {
        using var expected = await _client.GetAsync($"/registers/{_register.Name}{plain}");
        using var actual = await _client.GetAsync($"/registers/{_register.Name}{escaped}");

        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.Content.Headers.ContentType, actual.Content.Headers.ContentType);
        Assert.Equal(expected.Headers.ETag, actual.Headers.ETag);
        Assert.Equal(expected.Headers.CacheControl, actual.Headers.CacheControl);
        Assert.Equal(await expected.Content.ReadAsByteArrayAsync(), await actual.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_tile_index_with_its_group_slashes_escaped_names_the_same_tile_as_the_plain_index()
    {
        // Tile x001/000 (index 1000) starts at entry 256,001: a well-formed path to a tile this register does not have yet.
        var plain = await (await _client.GetAsync($"/registers/{_register.Name}/tile/0/x001/000")).AssertProblemAsync(404, null);
        var escaped = await (await _client.GetAsync($"/registers/{_register.Name}/tile/0%2Fx001%2F000")).AssertProblemAsync(404, null);

        Assert.Equal("No such tile", escaped.GetProperty("title").GetString());
        Assert.Equal(plain.GetProperty("detail").GetString(), escaped.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/tile/0%252F001")] // an escaped '%': the server's path shows it as %2F too
    [InlineData("/tile/0%2%46001")]
    [InlineData("/tile/0%2F..%2F0%2F001")]
    [InlineData("/tile/0%5C001")]
    public async Task A_tile_path_with_any_other_escape_in_place_of_a_slash_is_still_an_invalid_tile_path(string path)
    {
        var problem = await (await _client.GetAsync($"/registers/{_register.Name}{path}")).AssertProblemAsync(400, "path");

        Assert.Equal("Invalid tile path", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/proof/entry/0/10/merkle:sha-256", 400)]
    [InlineData("/proof/entry/11/10/merkle:sha-256", 400)]
    [InlineData("/proof/entry/1/10001/merkle:sha-256", 404)]
    [InlineData("/proof/entry/1/10/merkle:sha-512", 404)]
    [InlineData("/proof/consistency/20/10/merkle:sha-256", 400)]
    [InlineData("/tile/0/x001", 400)]
    [InlineData("/tile/0/040", 404)]
    [InlineData("/checkpoint/17", 404)]
    public async Task Bad_or_impossible_requests_are_problems(string path, int status)
    {
        var response = await _client.GetAsync($"/registers/{_register.Name}{path}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/registers/nowhere/tile/0/000")]
    [InlineData("/registers/nowhere/system/tile/entries/000.p/1")]
    public async Task A_tile_of_a_register_that_does_not_exist_is_an_unknown_register(string path)
    {
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(404, null);

        Assert.Equal("Unknown register", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Proofs_at_a_fixed_size_are_immutable_and_answer_304_to_their_etag()
    {
        var first = await _client.GetAsync($"/registers/{_register.Name}/proof/entry/5/500/merkle:sha-256");
        Assert.Contains("immutable", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/registers/{_register.Name}/proof/entry/5/500/merkle:sha-256");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Proofs_follow_a_register_that_grows_after_they_were_asked_for()
    {
        // Tiles and sizes are kept between proofs: a partial tile read at one size must not answer a larger one.
        var growing = await GrowingRegister.CreateAsync(fixture.Server, "growing");
        var ahead = $"/registers/{growing.Name}/proof/entry/1/300/merkle:sha-256";
        for (var step = 0; step < 8; step++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(ahead)).StatusCode);
            await growing.AppendBatchAsync(37);
            var size = growing.CheckpointSizes[^1];
            var root = await growing.VerifiedRootAsync(size);
            foreach (var number in new[] { 1, size / 2, size - 1, size })
            {
                var proof = await _client.GetFromJsonAsync<JsonElement>($"/registers/{growing.Name}/proof/entry/{number}/{size}/merkle:sha-256");
                Digest[] path = [.. proof.GetProperty("merkle-audit-path").EnumerateArray().Select(hash => Digest.Parse(hash.GetString()!))];
                Assert.True(InclusionProof.Verify(growing.Leaves[(int)number - 1], (ulong)number - 1, (ulong)size, path, root, out var error), $"entry {number} at {size}: {error?.Message}");
            }
        }

        await growing.AppendBatchAsync(4);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(ahead)).StatusCode);
    }

    private long Pick(Random random) => _register.CheckpointSizes[random.Next(_register.CheckpointSizes.Count)];

    private async Task<Digest[]> AuditPathAsync(long number, long size)
    {
        var proof = await _client.GetFromJsonAsync<JsonElement>($"/registers/{_register.Name}/proof/entry/{number}/{size}/merkle:sha-256");
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), proof.GetProperty("entry-number").GetString());
        return [.. proof.GetProperty("merkle-audit-path").EnumerateArray().Select(hash => Digest.Parse(hash.GetString()!))];
    }

    private async Task<Digest[]> ConsistencyAsync(long from, long to)
    {
        var proof = await _client.GetFromJsonAsync<JsonElement>($"/registers/{_register.Name}/proof/consistency/{from}/{to}/merkle:sha-256");
        return [.. proof.GetProperty("merkle-consistency-nodes").EnumerateArray().Select(hash => Digest.Parse(hash.GetString()!))];
    }
}
