namespace Registers.Cli.Tests.Readme;

public sealed class ExpectedOutputTests
{
    [Theory]
    [InlineData("size: 521\nroot: sha-256:…", "size: 521\nroot: sha-256:00ff\n")]
    [InlineData("  — localhost:5080 …\n", "  — localhost:5080 SI7f+/=\n\n")]
    [InlineData("a\n\nb", "a  \n  \nb")]
    [InlineData("… x …", " x y")]
    public void Output_matching_the_readme_matches(string expected, string actual) => Assert.True(ExpectedOutput.Matches(expected, actual));

    [Theory]
    [InlineData("size: 521", "size: 522")]
    [InlineData("root: …", "root: a\nb")]
    [InlineData("a\nb", "a")]
    [InlineData("a", "a\nb")]
    [InlineData("(a)", "a")]
    public void Output_that_differs_does_not_match(string expected, string actual) => Assert.False(ExpectedOutput.Matches(expected, actual));
}
