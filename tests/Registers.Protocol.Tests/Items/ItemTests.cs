using System.Text;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Json;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Items;

public sealed class ItemTests
{
    [Fact]
    public void Item_hash_of_each_specification_vector_is_the_published_hash()
    {
        // item_hash_v1: sha-256 over the canonical bytes, from the specification's item-def and openregister-java tests.
        foreach (var example in SpecVectors.At("item_hash_v1").EnumerateArray())
        {
            var item = Item.Create(Encoding.UTF8.GetBytes(example.GetProperty("canonical").GetString()!));
            Assert.Equal(example.GetProperty("hash").GetString(), item.Hash.ToString());
            Assert.Equal(item.Hash, Item.HashOf(item.Bytes));

            var fromJson = Item.FromJson(Encoding.UTF8.GetBytes(example.GetProperty("input").GetRawText()));
            Assert.Equal(item, fromJson);
        }
    }

    [Fact]
    public void Item_keeps_the_bytes_it_was_given()
    {
        var bytes = "{\"a\":\"\\u0001\",\"b\":[\"x\",\"y\"]}"u8.ToArray();
        var item = Item.Create(bytes);
        Assert.True(item.Bytes.SequenceEqual(bytes));
        Assert.Equal(Digest.Of(bytes), item.Hash);
        Assert.Equal("{\"a\":\"\\u0001\",\"b\":[\"x\",\"y\"]}", item.ToString());
    }

    [Fact]
    public void Create_refuses_non_canonical_bytes_with_the_reason()
    {
        Assert.False(Item.TryCreate("{\"b\":\"1\",\"a\":\"2\"}"u8, out var item, out var error));
        Assert.Null(item);
        Assert.Equal(new CanonicalJsonError(CanonicalJsonErrorKind.KeysNotSorted, 9), error);
        var exception = Assert.Throws<FormatException>(() => Item.Create("{\"a\": \"b\"}"u8));
        Assert.Contains("whitespace", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_are_read_in_place_with_their_values()
    {
        var item = Item.Create("{\"a\":\"x\\\"y\",\"b\":[\"1\",\"2\\n\"],\"c\":\"/\"}"u8);
        var seen = new List<string>();
        foreach (var member in item.Members)
        {
            seen.Add($"{member.GetName()}|{member.IsList}|{string.Join(",", member.GetValues())}|{Encoding.UTF8.GetString(member.Json)}");
        }

        Assert.Equal(
            ["a|False|x\"y|\"x\\\"y\"", "b|True|1,2\n|[\"1\",\"2\\n\"]", "c|False|/|\"/\""],
            seen);
    }

    [Fact]
    public void Empty_item_has_no_members()
    {
        var count = 0;
        foreach (var _ in Item.Create("{}"u8).Members)
        {
            count++;
        }

        Assert.Equal(0, count);
    }
}
