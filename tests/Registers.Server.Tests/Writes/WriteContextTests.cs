using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

public sealed class WriteContextTests
{
    [Fact]
    public void After_a_write_two_stored_definitions_of_one_name_give_way_to_the_later_and_to_the_writes_own()
    {
        // History loaded leniently may hold a definition under another field's key: two definitions of 'name'.
        var context = new WriteContext("pipeline", [Definition("1", "A name."), Definition("n", "Names.")], new Dictionary<(EntryLog, string), Digest[]>(), new Dictionary<Digest, Item>());
        var redefinition = Item.Create(Encoding.UTF8.GetBytes("""{"cardinality":"1","datatype":"string","field":"name","text":"The name."}"""));
        var withItem = context with { Items = new Dictionary<Digest, Item> { [redefinition.Hash] = redefinition } };

        var unchanged = context.After([]);
        var redefined = withItem.After([new ProposedEntry(EntryLog.System, "field:name", null, [redefinition.Hash])]);

        Assert.Equal("Names.", Assert.Single(unchanged.Fields).Text);
        Assert.Equal("The name.", Assert.Single(redefined.Fields).Text);
    }

    private static FieldDefinition Definition(string cardinality, string text)
    {
        var item = Item.Create(Encoding.UTF8.GetBytes($$"""{"cardinality":"{{cardinality}}","datatype":"string","field":"name","text":"{{text}}"}"""));
        Assert.True(FieldDefinition.TryParse(item, null, out var field, out _));
        return field;
    }
}
