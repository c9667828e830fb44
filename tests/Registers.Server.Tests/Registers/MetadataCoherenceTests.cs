using Registers.Server.Registers;

namespace Registers.Server.Tests.Registers;

public sealed class MetadataCoherenceTests
{
    private static readonly HashSet<string> Defined = ["school", "name"];

    [Theory]
    [InlineData(null)]
    [InlineData("""{"register":"school","fields":["school","name"]}""")]
    [InlineData("""{"register":"school","fields":["school"]}""")]
    [InlineData("""{"register":"school","fields":"school"}""")]
    [InlineData("""["school"]""")]
    public void Metadata_that_defines_the_key_field_and_every_listed_field_holds_together(string? registerItem)
    {
        Assert.Empty(MetadataCoherence.Problems("school", Defined, registerItem));
    }

    [Fact]
    public void A_register_without_its_key_field_is_named_under_the_key_that_would_define_it()
    {
        var problem = Assert.Single(MetadataCoherence.Problems("school", new HashSet<string> { "name" }, null));

        Assert.Equal(("field:school", MetadataCoherence.NoKeyField), (problem.Key, problem.Rule));
    }

    [Fact]
    public void Each_listed_field_that_nothing_defines_is_named_once()
    {
        var problems = MetadataCoherence.Problems("school", Defined, """{"fields":["school","colour","size","colour"]}""");

        Assert.Collection(problems,
            colour => Assert.Contains("field 'colour'", colour.Detail, StringComparison.Ordinal),
            size => Assert.Contains("field 'size'", size.Detail, StringComparison.Ordinal));
        Assert.All(problems, problem => Assert.Equal(("register:school", MetadataCoherence.UndefinedField), (problem.Key, problem.Rule)));
    }
}
