using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// The log the property tests draw from: <see cref="Capacity"/> leaves (leaf i hashes the 8 bytes of i) and
/// the <see cref="NodeStore"/> built by appending them, made once per test run.
/// </summary>
internal static class SampleTree
{
    public const int Capacity = 2048;

    private static readonly Lazy<Digest[]> LazyLeaves = new(() =>
        [.. Enumerable.Range(0, Capacity).Select(i => MerkleHash.Leaf(BitConverter.GetBytes((long)i)))]);

    private static readonly Lazy<NodeStore> LazyStore = new(() => new NodeStore(Leaves));

    public static Digest[] Leaves => LazyLeaves.Value;

    public static NodeStore Store => LazyStore.Value;
}
