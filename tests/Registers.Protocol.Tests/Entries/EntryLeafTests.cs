using System.Collections.Immutable;
using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Entries;

public sealed class EntryLeafTests
{
    [Fact]
    public void Leaf_of_the_address_example_matches_openregister_java_and_its_size_1_root()
    {
        // v1_merkle.address_example: entry 1 of the address register in openregister-java's
        // DataDownloadFunctionalTest; the root of a one-leaf tree is that leaf's hash.
        var example = SpecVectors.At("v1_merkle", "address_example");
        var entry = new Entry(EntryLog.User, 1, "12345", EntryTimestamp.Parse("2017-06-01T10:13:27Z"),
            Digest.Parse("sha-256:19205fafe65406b9b27fce1b689abc776df4ddcf150c28b29b73b4ea054af6b9"));
        Assert.Equal(example.GetProperty("leaf_bytes_entry1").GetString(), Encoding.UTF8.GetString(entry.GetLeafBytes()));
        Assert.Equal(example.GetProperty("roots").GetProperty("1").GetString(), entry.GetLeafHash().ToString());
    }

    [Fact]
    public void Leaf_of_country_entry_72_matches_the_specification()
    {
        // v1_merkle.country_data_rsf.entry72_leaf_bytes: from the specification's proof examples.
        var expected = SpecVectors.At("v1_merkle", "country_data_rsf", "entry72_leaf_bytes").GetString();
        var bytes = EntryLeaf.GetBytes(72, EntryTimestamp.Parse("2016-04-05T13:23:05Z"), "GH",
            [Digest.Parse("sha-256:dc1d12943ea264de937468b254286e5ebd8acd316e21bf667076ebdb8c111bd1")]);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.Equal(MerkleHash.Leaf(bytes), EntryLeaf.Hash(72, EntryTimestamp.Parse("2016-04-05T13:23:05Z"), "GH",
            [Digest.Parse("sha-256:dc1d12943ea264de937468b254286e5ebd8acd316e21bf667076ebdb8c111bd1")]));
    }

    [Fact]
    public void Several_item_hashes_are_listed_in_order()
    {
        var a = Digest.Of("a"u8);
        var b = Digest.Of("b"u8);
        var bytes = EntryLeaf.GetBytes(long.MaxValue, EntryTimestamp.FromUnixSeconds(0), "K", [a, b]);
        Assert.Equal(
            $"{{\"index-entry-number\":\"{long.MaxValue}\",\"entry-number\":\"{long.MaxValue}\",\"entry-timestamp\":\"1970-01-01T00:00:00Z\",\"key\":\"K\",\"item-hash\":[\"{a}\",\"{b}\"]}}",
            Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("\u0001", "\\u0001")]
    [InlineData("caf\u00e9/\U0001F600", "caf\u00e9/\U0001F600")]
    public void A_key_that_needs_escaping_is_escaped_as_canonical_json_escapes_strings(string key, string written)
    {
        var bytes = EntryLeaf.GetBytes(1, EntryTimestamp.FromUnixSeconds(0), key, [Digest.Of([])]);
        Assert.Contains($"\"key\":\"{written}\",", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_keys_take_the_pooled_path_and_hash_the_same()
    {
        var key = new string('k', 3000);
        var hashes = new[] { Digest.Of("x"u8) };
        var bytes = EntryLeaf.GetBytes(5, EntryTimestamp.FromUnixSeconds(1), key, hashes);
        Assert.Equal(MerkleHash.Leaf(bytes), EntryLeaf.Hash(5, EntryTimestamp.FromUnixSeconds(1), key, hashes));
    }

    [Fact]
    public void Entry_checks_its_invariants()
    {
        var hash = Digest.Of([]);
        var time = EntryTimestamp.FromUnixSeconds(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Entry(EntryLog.User, 0, "GB", time, hash));
        Assert.Throws<ArgumentException>(() => new Entry(EntryLog.User, 1, "_GB", time, hash));
        Assert.Throws<ArgumentException>(() => new Entry(EntryLog.System, 1, "GB", time, hash));
        Assert.Throws<ArgumentException>(() => new Entry(EntryLog.User, 1, "GB", time, ImmutableArray<Digest>.Empty));
        Assert.Equal(new Entry(EntryLog.User, 1, "GB", time, [hash]), new Entry(EntryLog.User, 1, "GB", time, hash));
        Assert.NotEqual(new Entry(EntryLog.User, 1, "GB", time, hash), new Entry(EntryLog.System, 1, "name", time, hash));
        Assert.Equal($"Entry {{ Log = User, Number = 1, Key = GB, Timestamp = 1970-01-01T00:00:00Z, ItemHashes = [{hash}] }}", new Entry(EntryLog.User, 1, "GB", time, hash).ToString());
    }
    [Theory]
    [InlineData("K", 1)]
    [InlineData("custodian-key:registers.example+0a1b2c3d", 1)]
    [InlineData("a-much-longer/key_with.punctuation", 3)]
    public void The_longest_length_is_the_leaf_at_the_longest_entry_number(string key, int hashCount)
    {
        Digest[] hashes = [.. Enumerable.Range(0, hashCount).Select(i => Digest.Of([(byte)i]))];

        var longest = EntryLeaf.GetBytes(long.MaxValue, EntryTimestamp.FromUnixSeconds(0), key, hashes).Length;

        Assert.Equal(longest, EntryLeaf.GetLongestLength(key, hashCount));
        Assert.True(EntryLeaf.GetBytes(1, EntryTimestamp.FromUnixSeconds(0), key, hashes).Length < longest);
    }

    [Fact]
    public void The_longest_length_of_a_key_the_leaf_escapes_is_at_least_its_leaf()
    {
        var key = "caf\u00e9 \"\u0001";

        var longest = EntryLeaf.GetBytes(long.MaxValue, EntryTimestamp.FromUnixSeconds(0), key, [Digest.Of("a"u8)]).Length;

        Assert.True(EntryLeaf.GetLongestLength(key, 1) >= longest);
    }
}
