using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A register grown through the real HTTP API in batches, remembering every leaf hash it should
/// have, so tests can check what the server proves against what they computed themselves.
/// </summary>
public sealed class GrowingRegister
{
    private static readonly EntryTimestamp Start = EntryTimestamp.Parse("2024-01-01T00:00:00Z");
    private readonly RunningServer _server;
    private readonly List<Digest> _leaves = [];

    private GrowingRegister(RunningServer server, string name)
    {
        _server = server;
        Name = name;
    }

    /// <summary>The register's name.</summary>
    public string Name { get; }

    /// <summary>Leaf hashes of the user entries, index 0 = entry 1.</summary>
    public IReadOnlyList<Digest> Leaves => _leaves;

    /// <summary>The tree sizes at the end of each batch: the sizes with signed checkpoints.</summary>
    public List<long> CheckpointSizes { get; } = [];

    /// <summary>Creates an empty register with a key field and a name field.</summary>
    public static async Task<GrowingRegister> CreateAsync(RunningServer server, string name)
    {
        var response = await server.Client.PostAsJsonAsync("/registers", new
        {
            name,
            custodian = "Test custodian",
            fields = new object[]
            {
                new { field = name, datatype = "string", cardinality = "1" },
                new { field = "name", datatype = "string", cardinality = "1" },
            },
        });
        response.EnsureSuccessStatusCode();
        return new GrowingRegister(server, name);
    }

    /// <summary>Appends one batch of <paramref name="count"/> entries (keys cycle, so records get replaced too).</summary>
    public async Task AppendBatchAsync(int count)
    {
        var entries = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var number = _leaves.Count + 1;
            var key = $"K{number % 997}";
            var item = new Dictionary<string, string> { [Name] = key, ["name"] = $"value {number}" };
            var timestamp = EntryTimestamp.FromUnixSeconds(Start.UnixSeconds + number);
            entries.Add(new { key, item, timestamp = timestamp.ToString() });
            var hash = Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(item)).Hash;
            _leaves.Add(EntryLeaf.Hash(number, timestamp, key, [hash]));
        }

        var response = await _server.Client.PostAsJsonAsync($"/registers/{Name}/entries", new { entries });
        response.EnsureSuccessStatusCode();
        CheckpointSizes.Add(_leaves.Count);
    }

    /// <summary>The root of the checkpoint signed at <paramref name="size"/>, after verifying its signature with the published log key.</summary>
    public async Task<Digest> VerifiedRootAsync(long size)
    {
        var key = VerifierKey.Parse((await _server.Client.GetStringAsync("/.well-known/registers/log-key")).Trim());
        var note = await _server.Client.GetStringAsync($"/registers/{Name}/checkpoint/{size}");
        var verifier = new CheckpointVerifier($"registers.test/registers/{Name}", key);
        Assert.True(verifier.TryVerify(note, out var checkpoint), $"checkpoint {size} does not verify: {note}");
        Assert.Equal(size, checkpoint.Size);
        return checkpoint.Root;
    }
}
