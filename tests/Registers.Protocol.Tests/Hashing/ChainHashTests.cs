using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Hashing;

public sealed class ChainHashTests
{
    private static Digest[] Leaves(int count) =>
        [.. Enumerable.Range(1, count).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i)))];

    private static Digest[] Chain(Digest[] leaves)
    {
        var chain = new Digest[leaves.Length];
        var previous = ChainHash.Genesis;
        for (var i = 0; i < leaves.Length; i++)
        {
            chain[i] = previous = ChainHash.Next(previous, leaves[i]);
        }

        return chain;
    }

    [Fact]
    public void Genesis_is_32_zero_bytes()
    {
        Assert.Equal(new string('0', 64), ChainHash.Genesis.ToHex());
    }

    [Fact]
    public void Next_is_sha256_of_previous_then_leaf()
    {
        // Independent check of the definition: SHA-256 over the 64 concatenated bytes.
        var leaf = MerkleHash.Leaf("entry"u8);
        Assert.Equal(Digest.Of([.. new byte[32], .. leaf.Bytes]), ChainHash.Next(ChainHash.Genesis, leaf));
        var second = MerkleHash.Leaf("entry 2"u8);
        var first = ChainHash.Next(ChainHash.Genesis, leaf);
        Assert.Equal(Digest.Of([.. first.Bytes, .. second.Bytes]), ChainHash.Next(first, second));
        Assert.Equal(ChainHash.Next(first, second), ChainHash.Fold(ChainHash.Genesis, [leaf, second]));
    }

    [Fact]
    public void An_intact_chain_has_no_break()
    {
        var leaves = Leaves(50);
        Assert.Null(ChainHash.FindFirstBreak(ChainHash.Genesis, leaves, Chain(leaves)));
        Assert.Null(ChainHash.FindFirstBreak(ChainHash.Genesis, [], []));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(49)]
    public void A_changed_leaf_breaks_the_chain_at_its_index(int index)
    {
        var leaves = Leaves(50);
        var chain = Chain(leaves);
        leaves[index] = MerkleHash.Leaf("tampered"u8);
        var found = ChainHash.FindFirstBreak(ChainHash.Genesis, leaves, chain);
        Assert.NotNull(found);
        Assert.Equal(index, found.Value.Index);
        Assert.Equal(chain[index], found.Value.Actual);
        Assert.NotEqual(chain[index], found.Value.Expected);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(30)]
    public void A_changed_stored_chain_hash_is_found_at_its_index(int index)
    {
        var leaves = Leaves(40);
        var chain = Chain(leaves);
        chain[index] = Digest.Of("forged"u8);
        Assert.Equal(index, ChainHash.FindFirstBreak(ChainHash.Genesis, leaves, chain)?.Index);
    }

    [Fact]
    public void A_removed_entry_breaks_the_chain_where_it_was()
    {
        var leaves = Leaves(10);
        var chain = Chain(leaves);
        var shortLeaves = leaves.Where((_, i) => i != 4).ToArray();
        var shortChain = chain.Where((_, i) => i != 4).ToArray();
        Assert.Equal(4, ChainHash.FindFirstBreak(ChainHash.Genesis, shortLeaves, shortChain)?.Index);
    }

    [Fact]
    public void A_segment_is_checked_from_the_chain_hash_before_it()
    {
        var leaves = Leaves(20);
        var chain = Chain(leaves);
        Assert.Null(ChainHash.FindFirstBreak(chain[9], leaves.AsSpan(10), chain.AsSpan(10)));
        Assert.Equal(0, ChainHash.FindFirstBreak(ChainHash.Genesis, leaves.AsSpan(10), chain.AsSpan(10))?.Index);
        Assert.Throws<ArgumentException>(() => ChainHash.FindFirstBreak(ChainHash.Genesis, leaves, chain.AsSpan(1)));
    }
}
