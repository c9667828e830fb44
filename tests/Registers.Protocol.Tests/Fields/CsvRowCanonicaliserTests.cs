using System.Text;
using Registers.Protocol.Fields;
using Registers.Protocol.Json;

namespace Registers.Protocol.Tests.Fields;

public sealed class CsvRowCanonicaliserTests
{
    private static readonly RegisterSchema Schema = new("id", [
        new FieldDefinition("id", Datatype.String, Cardinality.One),
        new FieldDefinition("name", Datatype.String, Cardinality.One),
        new FieldDefinition("flavours", Datatype.String, Cardinality.Many),
        new FieldDefinition("note", Datatype.Text, Cardinality.One),
    ]);

    private static string Canonical(params (string Column, string? Cell)[] row) =>
        Encoding.UTF8.GetString(CsvRowCanonicaliser.Canonicalise(row.Select(c => KeyValuePair.Create(c.Column, c.Cell)), Schema));

    [Fact]
    public void The_specification_example_becomes_its_json()
    {
        // rest-api, "List of values": id, name, flavours / 1, Foo, pistachio;chocolate;vanilla
        Assert.Equal(
            "{\"flavours\":[\"pistachio\",\"chocolate\",\"vanilla\"],\"id\":\"1\",\"name\":\"Foo\"}",
            Canonical(("id", "1"), ("name", "Foo"), ("flavours", "pistachio;chocolate;vanilla")));
    }

    [Fact]
    public void Empty_cells_are_absent_and_empty_parts_are_dropped()
    {
        Assert.Equal("{\"id\":\"1\"}", Canonical(("id", "1"), ("name", ""), ("flavours", null), ("note", "")));
        Assert.Equal("{\"flavours\":[\"a\",\"b\"],\"id\":\"1\"}", Canonical(("id", "1"), ("flavours", ";a;;b;")));
        Assert.Equal("{\"id\":\"1\"}", Canonical(("id", "1"), ("flavours", ";;")));
    }

    [Fact]
    public void A_single_value_of_a_cardinality_n_field_is_still_a_list_and_cardinality_1_cells_are_not_split()
    {
        Assert.Equal("{\"flavours\":[\"mint\"],\"id\":\"1\",\"name\":\"a;b\"}", Canonical(("id", "1"), ("name", "a;b"), ("flavours", "mint")));
    }

    [Fact]
    public void Values_are_kept_exactly_and_escaped_canonically()
    {
        Assert.Equal(
            "{\"flavours\":[\"a\",\" b\"],\"id\":\"1\",\"note\":\"line\\nbreak \\\"q\\\" caf\u00e9 / \\u0001\"}",
            Canonical(("note", "line\nbreak \"q\" caf\u00e9 / \u0001"), ("flavours", "a; b"), ("id", "1")));
    }

    [Theory]
    [InlineData("colour", CanonicaliseErrorKind.UnknownField)]
    [InlineData("Name", CanonicaliseErrorKind.InvalidAttributeName)]
    [InlineData("id", CanonicaliseErrorKind.DuplicateAttribute)]
    public void Refuses_columns_that_are_not_fields(string column, CanonicaliseErrorKind kind)
    {
        Assert.False(CsvRowCanonicaliser.TryCanonicalise([KeyValuePair.Create("id", (string?)"1"), KeyValuePair.Create(column, (string?)"x")], Schema, out _, out var error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(column, error.Attribute);
    }

    [Fact]
    public void Refuses_a_lone_surrogate_rather_than_replacing_it()
    {
        Assert.False(CsvRowCanonicaliser.TryCanonicalise([KeyValuePair.Create("id", (string?)"a\ud800")], Schema, out _, out var error));
        Assert.Equal(CanonicaliseErrorKind.InvalidJson, error.Kind);
    }
}
