using System.Globalization;
using System.Text;
using Registers.Client.Reads;
using Registers.Client.Verification;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf;

namespace Registers.Client.Tests.Support;

/// <summary>
/// A register's log kept in memory and served through <see cref="IRegisterSource"/> with no HTTP: the same verification
/// runs over it as over a server. Proofs come from the protocol's own tree code, checkpoints are signed with a fresh key.
/// </summary>
internal sealed class MemoryLog : IRegisterSource, IDisposable
{
    public const string Register = "school";
    private readonly SignerKey _key;
    private readonly bool _ownsKey;
    private readonly List<(string Key, string Timestamp, Item Item, Digest Leaf)> _entries = [];
    private readonly Dictionary<NodeId, Digest> _nodes = [];
    private readonly CompactRange _tree = new();

    public MemoryLog()
        : this(SignerKey.Generate("registers.test"), ownsKey: true)
    {
    }

    private MemoryLog(SignerKey key, bool ownsKey)
    {
        _key = key;
        _ownsKey = ownsKey;
    }

    /// <summary>The size served as the latest; by default every entry appended.</summary>
    public long? Latest { get; set; }

    public CheckpointTrust Trust => new(_key.VerifierKey);

    /// <summary>The origin the checkpoints are signed for; by default this register's.</summary>
    public string Origin { get; set; } = $"registers.test/registers/{Register}";

    /// <summary>Appends entries whose items name a school; <paramref name="prefix"/> makes another history of the same keys.</summary>
    public MemoryLog Append(int count, string prefix = "School")
    {
        for (var i = 0; i < count; i++)
        {
            var number = _entries.Count + 1;
            var key = (100000 + (number % 7)).ToString(CultureInfo.InvariantCulture); // keys repeat: records change
            var timestamp = EntryTimestamp.FromUnixSeconds(1_700_000_000 + number);
            var item = Item.FromJson(Encoding.UTF8.GetBytes($$"""{"school":"{{key}}","name":"{{prefix}} {{number}}"}"""));
            var leaf = EntryLeaf.Hash(number, timestamp, key, [item.Hash]);
            _entries.Add((key, timestamp.ToString(), item, leaf));
            _tree.Append(leaf, (NodeId node, in Digest hash) => _nodes[node] = hash);
        }

        return this;
    }

    /// <summary>Another, empty log signed with the same key: a second history the same log key vouches for.</summary>
    public MemoryLog Fork() => new(_key, ownsKey: false);

    public long Size => Latest ?? _entries.Count;

    public string Checkpoint(long size)
    {
        var tree = new CompactRange();
        tree.AppendRange([.. _entries.Take((int)size).Select(entry => entry.Leaf)]);
        return new CheckpointSigner(_key).Sign(Origin, size, tree.Root());
    }

    /// <summary>Whatever the log key is made to sign for <paramref name="origin"/>: a tree of <paramref name="size"/> with <paramref name="root"/>, true or not.</summary>
    public string Sign(string origin, long size, Digest root) => new CheckpointSigner(_key).Sign(origin, size, root);

    public ServedRecord Record(long number, long size) =>
        new(number, _entries[(int)number - 1].Key, _entries[(int)number - 1].Timestamp, [_entries[(int)number - 1].Item.Memory], size);

    public ServedEntry Entry(long number) =>
        new(number, _entries[(int)number - 1].Key, _entries[(int)number - 1].Timestamp, [_entries[(int)number - 1].Item.Hash.ToString()], "");

    /// <summary>The first <paramref name="size"/> entries as RSF, each item added before its entry.</summary>
    public MemoryStream Rsf(long size)
    {
        var rsf = new MemoryStream();
        using (var writer = new RsfWriter(rsf, leaveOpen: true))
        {
            foreach (var (key, timestamp, item, _) in _entries.Take((int)size))
            {
                writer.WriteAddItem(item);
                writer.WriteAppendEntry(EntryLog.User, key, EntryTimestamp.Parse(timestamp), [item.Hash]);
            }
        }

        rsf.Position = 0;
        return rsf;
    }

    /// <summary>The chain hash of entry <paramref name="number"/>, as the server gives it.</summary>
    public string ChainHash(long number) =>
        Registers.Protocol.Hashing.ChainHash.Fold(Registers.Protocol.Hashing.ChainHash.Genesis, [.. _entries.Take((int)number).Select(entry => entry.Leaf)]).ToString();

    public IReadOnlyList<Digest> InclusionProof(long number, long size) => Fold(ProofPlan.ForInclusion((ulong)number - 1, (ulong)size));

    public Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken) => Task.FromResult(Checkpoint(size ?? Size));

    public Task<ServedRecord?> GetRecordAsync(string register, string key, long treeSize, CancellationToken cancellationToken)
    {
        var latest = _entries.Take((int)treeSize).Select((entry, index) => (entry.Key, Number: index + 1L)).LastOrDefault(entry => entry.Key == key);
        return Task.FromResult(latest.Key is null ? null : Record(latest.Number, treeSize));
    }

    public Task<IReadOnlyList<ServedEntry>> GetRecordHistoryAsync(string register, string key, long treeSize, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServedEntry>>([.. Enumerable.Range(1, (int)treeSize).Where(number => _entries[number - 1].Key == key).Select(number => Entry(number))]);

    public Task<ServedEntry> GetEntryAsync(string register, long number, CancellationToken cancellationToken) => Task.FromResult(Entry(number));

    public Task<IReadOnlyList<Digest>> GetInclusionProofAsync(string register, long number, long treeSize, CancellationToken cancellationToken) =>
        Task.FromResult(InclusionProof(number, treeSize));

    public Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken) =>
        Task.FromResult(Fold(ProofPlan.ForConsistency((ulong)fromSize, (ulong)toSize)));

    public void Dispose()
    {
        if (_ownsKey)
        {
            _key.Dispose();
        }
    }

    private IReadOnlyList<Digest> Fold(ProofPlan plan) => plan.Fold([.. plan.Nodes.Select(node => _nodes[node])]);
}
