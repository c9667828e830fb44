using System.Text;
using Registers.Protocol.Items;
using Registers.Server.Registers;

namespace Registers.Server.Tests.Registers;

public sealed class MetadataItemShapeTests
{
    [Theory]
    [InlineData("custodian", """{"custodian":"Government Digital Service"}""")]
    [InlineData("register-name", """{"register-name":"Country"}""")]
    [InlineData("register:country", """{"fields":["country","name"],"phase":"beta","register":"country","registry":"foreign-commonwealth-office","text":"Countries."}""")]
    [InlineData("register:country", """{"register":"country"}""")]
    [InlineData("field:country", """{"anything":["x"]}""")]
    [InlineData("government-domain", """{"anything":["goes"]}""")]
    public void Govuks_shapes_and_keys_with_rules_of_their_own_pass(string key, string item)
    {
        Assert.Empty(MetadataItemShape.Problems(key, ItemOf(item)));
    }

    [Theory]
    [InlineData("custodian", """{"custodian":["a"]}""", "custodian")]
    [InlineData("custodian", """{"name":"a"}""", "custodian")]
    [InlineData("register-name", """{"extra":"z","register-name":"x"}""", "extra")]
    [InlineData("register:country", """{"fields":"country","register":"country"}""", "fields")]
    [InlineData("register:country", """{"fields":["country"],"register":["country"]}""", "register")]
    [InlineData("register:country", """{"fields":["country"]}""", "register")]
    [InlineData("register:country", """{"colour":"red","register":"country"}""", "colour")]
    [InlineData("register:country", """{"register":"country","text":["a"]}""", "text")]
    public void An_odd_shape_is_named_by_its_member(string key, string item, string member)
    {
        var problem = Assert.Single(MetadataItemShape.Problems(key, ItemOf(item)));

        Assert.Equal(member, problem.Member);
    }

    private static Item ItemOf(string json) => Item.FromJson(Encoding.UTF8.GetBytes(json));
}
