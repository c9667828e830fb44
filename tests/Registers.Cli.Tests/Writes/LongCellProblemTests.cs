using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

/// <summary>
/// A problem quotes the cell it is about, but not at any length: a wrong file given to import (one long line without
/// newlines, a column of pasted text) is told of in lines a terminal can show, not in megabytes of its contents.
/// </summary>
public sealed class LongCellProblemTests : IDisposable
{
    private static readonly string Long = new('x', 100_000);

    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    public static TheoryData<string, string> Files => new()
    {
        { $"school,{Long}\n", "line 1, field 'xxxx" },
        { $"school,name\n{Long}!,Leeds School\n", "line 2, field 'school': 'xxxx" },
        { $"school,name\n{Long},Leeds School\n{Long},York School\n", "line 3, field 'school': key 'xxxx" },
        { $"school,start-date\n100001,{Long}\n", "line 2, field 'start-date': start-date: 'xxxx" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_problem_quotes_a_long_cell_shortened(string contents, string problem)
    {
        var csv = _custodian.Folder.File("schools.csv", contents);

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.True(run.ExitCode == 1, run.ToString()[..Math.Min(2_000, run.ToString().Length)]);
        Assert.StartsWith(problem, run.Out, StringComparison.Ordinal);
        Assert.All(run.Out.TrimEnd('\n').Split('\n'), line => Assert.True(line.Length < 400, $"a line of {line.Length:N0} characters: {line[..Math.Min(200, line.Length)]}"));
    }
}
