using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

public sealed class TileTreeTests
{
    private static readonly Digest[] Hashes = [.. Enumerable.Range(0, TileId.FullWidth).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i)))];

    private static byte[] Bytes(int width) => [.. Hashes.Take(width).SelectMany(hash => hash.ToArray())];

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(255)]
    [InlineData(256)]
    public void Every_node_of_a_tile_is_the_one_folded_from_its_hashes(int width)
    {
        var tree = TileTree.Build(Bytes(width));
        var treeSize = (ulong)width; // level-0 tile 0 of a tree of that many leaves has exactly that width
        var checkedNodes = 0;
        for (var level = 0; level < TileId.Height; level++)
        {
            for (ulong index = 0; (index + 1) << level <= (ulong)width; index++)
            {
                var slice = TileSlice.ForNode(new NodeId(level, index), treeSize);
                Assert.Equal(slice.Hash(Hashes.AsSpan(0, width)), tree.Hash(slice));
                checkedNodes++;
            }
        }

        Assert.Equal(tree.NodeCount, checkedNodes);
        Assert.Equal(Bytes(width), tree.ToBytes());
    }

    [Fact]
    public void A_tile_read_wider_answers_a_smaller_tree_but_one_read_narrower_does_not()
    {
        var wide = TileTree.Build(Bytes(40));
        var narrow = TileTree.Build(Bytes(19));
        var slice = TileSlice.ForNode(new NodeId(2, 2), 20);

        Assert.True(wide.Covers(slice));
        Assert.Equal(slice.Hash(Hashes.AsSpan(0, 20)), wide.Hash(slice));
        Assert.False(narrow.Covers(slice));
        Assert.Throws<ArgumentException>(() => narrow.Hash(slice));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(257 * 32)]
    public void Bytes_that_are_not_a_tile_are_refused(int length) =>
        Assert.Throws<ArgumentException>(() => TileTree.Build(new byte[length]));
}
