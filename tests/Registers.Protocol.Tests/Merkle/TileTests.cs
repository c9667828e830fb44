using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>Which tiles a tree is served as, where a node is in them, and proofs answered from tiles alone.</summary>
public sealed class TileTests
{
    [Fact]
    public void A_tree_of_70000_leaves_is_the_tiles_the_spec_lists()
    {
        // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile, one partial level 1
        // tile of width 17, and one partial level 2 tile of width 1."
        TileId[] expected =
        [
            .. Enumerable.Range(0, 273).Select(n => new TileId(0, (ulong)n)),
            new(0, 273, 112),
            new(1, 0),
            new(1, 1, 17),
            new(2, 0, 1),
        ];
        Assert.Equal(expected, TileId.AllFor(70_000));
        Assert.Equal(new TileId(0, 273, 112), TileId.Partial(0, 70_000));
        Assert.Equal(new TileId(1, 1, 17), TileId.Partial(1, 70_000));
        Assert.Equal(new TileId(2, 0, 1), TileId.Partial(2, 70_000));
        Assert.Null(TileId.Partial(3, 70_000));
    }

    [Fact]
    public void A_tree_of_256_leaves_is_a_full_level_0_tile_and_a_level_1_tile_of_width_1()
    {
        Assert.Equal([new TileId(0, 0), new TileId(1, 0, 1)], TileId.AllFor(256));
        Assert.Null(TileId.Partial(0, 256));
        Assert.Empty(TileId.AllFor(0));
        Assert.Equal([new TileId(0, 0, 1)], TileId.AllFor(1));
    }

    [Fact]
    public void The_largest_tree_has_tiles_up_to_level_7()
    {
        var partials = Enumerable.Range(0, 9).Select(level => TileId.Partial(level, ulong.MaxValue)).ToArray();
        Assert.All(partials[..8], p => Assert.Equal(255, p!.Value.Width));
        Assert.Null(partials[8]);
    }

    [Theory]
    [InlineData(0, 300UL, 1000UL, 0, 1UL, 256, 44, 1)] // a leaf: level-0 tile 1, position 44
    [InlineData(0, 999UL, 1000UL, 0, 3UL, 232, 231, 1)] // the last leaf is in the partial tile
    [InlineData(5, 9UL, 70_000UL, 0, 1UL, 256, 32, 32)] // level 5: folded from 32 leaf hashes
    [InlineData(7, 1UL, 256UL, 0, 0UL, 256, 128, 128)]
    [InlineData(8, 3UL, 70_000UL, 1, 0UL, 256, 3, 1)] // level 8 is stored in level-1 tiles
    [InlineData(8, 272UL, 70_000UL, 1, 1UL, 17, 16, 1)]
    [InlineData(9, 135UL, 70_000UL, 1, 1UL, 17, 14, 2)]
    [InlineData(16, 0UL, 70_000UL, 2, 0UL, 1, 0, 1)]
    public void A_node_is_found_in_the_tile_at_its_level_as_the_tree_size_has_it(
        int level, ulong index, ulong size, int tileLevel, ulong tileIndex, int width, int first, int count)
    {
        var slice = TileSlice.ForNode(new NodeId(level, index), size);
        Assert.Equal(new TileId(tileLevel, tileIndex, width), slice.Tile);
        Assert.Equal((first, count), (slice.First, slice.Count));
    }

    [Fact]
    public void A_node_not_complete_at_the_size_is_in_no_tile()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TileSlice.ForNode(new NodeId(0, 1000), 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileSlice.ForNode(new NodeId(3, 124), 999));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileId.At(0, 4, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileId.At(1, 0, 255));
    }

    [Fact]
    public void A_slice_needs_the_whole_tile_but_a_full_tile_serves_for_a_partial_one()
    {
        var store = new TileStore(SampleTree.Leaves.AsSpan(0, 300), []);
        var slice = TileSlice.ForNode(new NodeId(2, 2), 20);
        Assert.Equal(new TileId(0, 0, 20), slice.Tile);
        var full = store.Read(new TileId(0, 0));
        Assert.Equal(SampleTree.Store.Nodes[new NodeId(2, 2)], slice.Hash(full));
        Assert.Equal(slice.Hash(full), slice.Hash(full[..20]));
        Assert.Throws<ArgumentException>(() => slice.Hash(full[..19]));
    }

    [Fact]
    public void Every_proof_at_these_sizes_can_be_answered_from_tiles_alone()
    {
        ulong[] sizes = [1, 2, 255, 256, 257, 700];
        var leaves = SampleTree.Leaves;
        var store = new TileStore(leaves.AsSpan(0, 700), Enumerable.Range(1, 700).Select(s => (ulong)s));
        foreach (var size in sizes)
        {
            var root = store.RootAt(size);
            for (ulong i = 0; i < size; i++)
            {
                var proof = store.Serve(ProofPlan.ForInclusion(i, size), size);
                Assert.True(InclusionProof.Verify(leaves[i], i, size, proof, root), $"inclusion {i} at {size}");
            }

            for (ulong size1 = 1; size1 <= size; size1++)
            {
                var proof = store.Serve(ProofPlan.ForConsistency(size1, size), size);
                Assert.True(ConsistencyProof.Verify(size1, size, store.RootAt(size1), root, proof), $"consistency {size1} to {size}");
            }
        }
    }

    [Fact]
    public void Proofs_in_a_tree_with_three_tile_levels_can_be_answered_from_tiles_alone()
    {
        // 70,000 leaves reach level-2 tiles. Leaf hashes are made here; the store keeps only tile hashes.
        const int total = 70_000;
        var leaves = new Digest[total];
        for (var i = 0; i < total; i++)
        {
            leaves[i] = MerkleHash.Leaf(BitConverter.GetBytes(i));
        }

        var random = new Random(70_000);
        var sizes = new ulong[] { 65_535, 65_536, 65_537, total }
            .Concat(Enumerable.Range(0, 6).Select(_ => (ulong)random.Next(1, total))).ToArray();
        var store = new TileStore(leaves, sizes);
        foreach (var size in sizes)
        {
            foreach (var index in new ulong[] { 0, size - 1, (ulong)random.NextInt64(0, (long)size) })
            {
                var proof = store.Serve(ProofPlan.ForInclusion(index, size), size);
                Assert.True(InclusionProof.Verify(leaves[index], index, size, proof, store.RootAt(size)), $"inclusion {index} at {size}");
            }

            foreach (var size1 in sizes.Where(s => s <= size))
            {
                var proof = store.Serve(ProofPlan.ForConsistency(size1, size), size);
                Assert.True(ConsistencyProof.Verify(size1, size, store.RootAt(size1), store.RootAt(size), proof), $"consistency {size1} to {size}");
            }
        }
    }
}
