using System.Text;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Protocol.Tests.Fields;

public sealed class FieldDefinitionTests
{
    private static Item ItemOf(string json) => Item.Create(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_a_govuk_field_item()
    {
        // Verbatim from country.rsf (field:country).
        var item = ItemOf("{\"cardinality\":\"1\",\"datatype\":\"string\",\"field\":\"country\",\"phase\":\"beta\",\"register\":\"country\",\"text\":\"The country's 2-letter ISO 3166-2 alpha2 code.\"}");
        var field = FieldDefinition.Parse(item, "field:country");
        Assert.Equal(new FieldDefinition("country", Datatype.String, Cardinality.One, "country", "The country's 2-letter ISO 3166-2 alpha2 code.", "beta"), field);
        Assert.Equal("field:country", field.Key);
    }

    [Fact]
    public void Reads_cardinality_n_and_a_curie_field_without_a_register()
    {
        var field = FieldDefinition.Parse(ItemOf("{\"cardinality\":\"n\",\"datatype\":\"curie\",\"field\":\"controllers\",\"phase\":\"beta\",\"text\":\"x\"}"));
        Assert.Equal(Cardinality.Many, field.Cardinality);
        Assert.Equal(Datatype.Curie, field.Datatype);
        Assert.Null(field.Register);
    }

    [Theory]
    [InlineData("{\"datatype\":\"string\",\"field\":\"a\"}", "cardinality", FieldRule.Required)]
    [InlineData("{\"cardinality\":\"1\",\"field\":\"a\"}", "datatype", FieldRule.Required)]
    [InlineData("{\"cardinality\":\"1\",\"datatype\":\"string\"}", "field", FieldRule.Required)]
    [InlineData("{\"cardinality\":\"2\",\"datatype\":\"string\",\"field\":\"a\"}", "cardinality", FieldRule.InvalidCardinality)]
    [InlineData("{\"cardinality\":\"1\",\"datatype\":\"money\",\"field\":\"a\"}", "datatype", FieldRule.UnknownDatatype)]
    [InlineData("{\"cardinality\":\"1\",\"datatype\":\"string\",\"field\":\"A_b\"}", "field", FieldRule.Datatype)]
    [InlineData("{\"cardinality\":\"1\",\"datatype\":\"string\",\"field\":\"a\",\"register\":\"Country\"}", "register", FieldRule.Datatype)]
    [InlineData("{\"cardinality\":\"1\",\"datatype\":\"string\",\"field\":\"a\",\"label\":\"A\"}", "label", FieldRule.UnknownField)]
    [InlineData("{\"cardinality\":\"1\",\"datatype\":\"string\",\"field\":[\"a\",\"b\"]}", "field", FieldRule.ExpectedOneValue)]
    public void Refuses_broken_field_items_naming_the_attribute_and_rule(string json, string attribute, FieldRule rule)
    {
        Assert.False(FieldDefinition.TryParse(ItemOf(json), null, out var field, out var errors));
        Assert.Null(field);
        Assert.Contains(errors, e => e.Field == attribute && e.Rule == rule);
    }

    [Fact]
    public void The_system_key_must_name_the_same_field()
    {
        var item = ItemOf("{\"cardinality\":\"1\",\"datatype\":\"string\",\"field\":\"name\"}");
        Assert.False(FieldDefinition.TryParse(item, "field:official-name", out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(new FieldError("field", "name", FieldRule.KeyFieldMismatch, "the entry key is 'field:official-name'"), error);
        Assert.True(FieldDefinition.TryParse(item, "field:name", out _, out _));
    }

    [Fact]
    public void Writes_itself_back_as_the_same_canonical_item()
    {
        var json = "{\"cardinality\":\"n\",\"datatype\":\"curie\",\"field\":\"controllers\",\"phase\":\"beta\",\"text\":\"Line one\\nline \\\"two\\\"\"}";
        var field = FieldDefinition.Parse(ItemOf(json));
        Assert.Equal(json, field.ToItem().ToString());
        Assert.Equal("{\"cardinality\":\"1\",\"datatype\":\"integer\",\"field\":\"a\"}", new FieldDefinition("a", Datatype.Integer, Cardinality.One).ToItem().ToString());
    }

    [Fact]
    public void Field_and_register_names_are_checked_on_construction()
    {
        Assert.Throws<ArgumentException>(() => new FieldDefinition("Start Date", Datatype.Datetime, Cardinality.One));
        Assert.Throws<ArgumentException>(() => new FieldDefinition("a", Datatype.Curie, Cardinality.One, "Country"));
    }
}
