using System.Text;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Protocol.Tests.Fields;

public sealed class ItemValidatorTests
{
    private static readonly RegisterSchema Schema = new("school", [
        new FieldDefinition("school", Datatype.Integer, Cardinality.One, "school"),
        new FieldDefinition("name", Datatype.String, Cardinality.One),
        new FieldDefinition("start-date", Datatype.Datetime, Cardinality.One),
        new FieldDefinition("website", Datatype.Url, Cardinality.One),
        new FieldDefinition("phases", Datatype.Name, Cardinality.Many),
        new FieldDefinition("address", Datatype.Curie, Cardinality.One, "address"),
        new FieldDefinition("links", Datatype.Curie, Cardinality.Many),
        new FieldDefinition("open", Datatype.Boolean, Cardinality.One),
        new FieldDefinition("location", Datatype.Point, Cardinality.One),
    ]);

    private static IReadOnlyList<FieldError> Validate(string key, string json) =>
        ItemValidator.Validate(Schema, key, Item.Create(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_conforming_item_has_no_errors()
    {
        var errors = Validate("100", "{\"address\":\"address:10023\",\"links\":[\"country:GB\",\"school:99\"],\"location\":\"[-1.5, 52.25]\",\"name\":\"A \\\"quoted\\\" school\",\"open\":\"true\",\"phases\":[\"primary\",\"secondary\"],\"school\":\"100\",\"start-date\":\"1990-09\",\"website\":\"https://example.org/\"}");
        Assert.Empty(errors);
    }

    [Fact]
    public void A_linked_curie_may_be_a_bare_key_of_the_linked_register() =>
        Assert.Empty(Validate("1", "{\"address\":\"10023\",\"school\":\"1\"}"));

    public static TheoryData<string, string, FieldError> Broken() => new()
    {
        { "1", "{\"colour\":\"red\",\"school\":\"1\"}", new FieldError("colour", "red", FieldRule.UnknownField, "'school' has no such field") },
        { "1", "{\"name\":\"x\"}", new FieldError("school", null, FieldRule.MissingKeyField, "the key field must be present") },
        { "1", "{\"school\":\"2\"}", new FieldError("school", "2", FieldRule.KeyFieldMismatch, "the entry key is '1'") },
        { "01", "{\"school\":\"01\"}", new FieldError("school", "01", FieldRule.Datatype, "no leading zeros", Datatype.Integer) },
        { "1", "{\"name\":[\"a\",\"b\"],\"school\":\"1\"}", new FieldError("name", "[\"a\",\"b\"]", FieldRule.ExpectedOneValue, "the field has cardinality 1") },
        { "1", "{\"phases\":\"primary\",\"school\":\"1\"}", new FieldError("phases", "primary", FieldRule.ExpectedList, "the field has cardinality n") },
        { "1", "{\"phases\":[\"primary\",\"Sixth-Form\"],\"school\":\"1\"}", new FieldError("phases", "Sixth-Form", FieldRule.Datatype, "a name is [a-z][a-z0-9-]*", Datatype.Name) },
        { "1", "{\"school\":\"1\",\"start-date\":\"1990-13\"}", new FieldError("start-date", "1990-13", FieldRule.Datatype, "month must be 01 to 12", Datatype.Datetime) },
        { "1", "{\"school\":\"1\",\"website\":\"example.org\"}", new FieldError("website", "example.org", FieldRule.Datatype, "an absolute URL starts with a scheme such as https:", Datatype.Url) },
        { "1", "{\"address\":\"country:GB\",\"school\":\"1\"}", new FieldError("address", "country:GB", FieldRule.CurieRegister, "the field links to 'address'") },
        { "1", "{\"address\":\"a b\",\"school\":\"1\"}", new FieldError("address", "a b", FieldRule.Datatype, "a CURIE without a prefix must be a key of the linked register", Datatype.Curie) },
        { "1", "{\"links\":[\"GB\"],\"school\":\"1\"}", new FieldError("links", "GB", FieldRule.Datatype, "a CURIE is prefix:reference", Datatype.Curie) },
        { "1", "{\"links\":[\" country:GB\"],\"school\":\"1\"}", new FieldError("links", " country:GB", FieldRule.Datatype, "a CURIE prefix is [a-z][a-z0-9_-]*", Datatype.Curie) },
        { "1", "{\"name\":\"\\t\",\"school\":\"1\"}", new FieldError("name", "\t", FieldRule.Datatype, "a string has at least one printable character", Datatype.String) },
        { "1", "{\"open\":\"yes\",\"school\":\"1\"}", new FieldError("open", "yes", FieldRule.Datatype, "a boolean is true or false", Datatype.Boolean) },
        { "1", "{\"location\":\"[1]\",\"school\":\"1\"}", new FieldError("location", "[1]", FieldRule.Datatype, "expected a GeoJSON position [x, y] or [x, y, z]", Datatype.Point) },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_rule_is_reported_with_field_value_and_rule(string key, string json, FieldError expected)
    {
        var error = Assert.Single(Validate(key, json));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var errors = Validate("7", "{\"colour\":\"red\",\"open\":\"maybe\",\"phases\":[\"a\",\"B\",\"C\"]}");
        Assert.Equal(
            [(FieldRule.UnknownField, "colour"), (FieldRule.Datatype, "open"), (FieldRule.Datatype, "phases"), (FieldRule.Datatype, "phases"), (FieldRule.MissingKeyField, "school")],
            errors.Select(e => (e.Rule, e.Field)));
        Assert.Equal("phases: 'B' is not a valid name: a name is [a-z][a-z0-9-]*", errors[2].Message);
    }

    [Fact]
    public void Schema_updates_replace_a_field_by_name()
    {
        var changed = Schema.WithField(new FieldDefinition("open", Datatype.String, Cardinality.One));
        Assert.Empty(ItemValidator.Validate(changed, "1", Item.Create("{\"open\":\"maybe\",\"school\":\"1\"}"u8)));
        Assert.Equal(Schema.Fields.Count, changed.Fields.Count);
        Assert.Equal(Datatype.Boolean, Schema.Fields["open"].Datatype);
    }
}
