using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

/// <summary>The header row of an import: each problem of it names the columns and the field to blame, and nothing is sent.</summary>
public sealed class ImportHeaderTests : IDisposable
{
    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    [Fact]
    public void A_map_from_a_column_the_header_does_not_have_is_a_problem_and_nothing_is_sent()
    {
        // A file exported since the column was renamed: the map is out of date, and silently leaving it out would import the
        // file as if it had never been given.
        var csv = _custodian.Folder.File("schools.csv", "school,name\n100001,Leeds School\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile, "--map", "title=name");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Equal("line 1: --map title=name: the header has no column 'title'\n", run.Out);
        Assert.Contains("nothing sent", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_whose_every_column_is_in_the_header_is_taken()
    {
        var csv = _custodian.Folder.File("schools.csv", "school,title\n100001,Leeds School\n100002,York\n100001,Again\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile, "--map", "title=name");

        // The map is taken: the only problem is the repeated key, found once the header is read.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("line 4, field 'school': key '100001' is on line 2 too: a file holds one row a key\n", run.Out);
    }

    [Fact]
    public void Two_columns_of_one_field_are_named_with_the_field()
    {
        var csv = _custodian.Folder.File("schools.csv", "school,name,title,phases\n100001,Leeds,Leeds School,primary\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile, "--map", "title=name");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Equal("line 1, field 'name': columns 2 ('name') and 3 ('title') are both field 'name'; a field takes one column\n", run.Out);
    }

    [Fact]
    public void Columns_that_are_no_field_are_not_also_said_to_be_the_same_field()
    {
        // Columns with no name between named ones: each is named once, as no field.
        var csv = _custodian.Folder.File("schools.csv", "school,,,name\n100001,,,Leeds School\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Equal(
            "line 1, field '': column 2 ('') is not a field of 'school'; name it with --map COLUMN=FIELD\n"
            + "line 1, field '': column 3 ('') is not a field of 'school'; name it with --map COLUMN=FIELD\n",
            run.Out);
    }

    [Fact]
    public void A_value_in_a_column_with_no_header_is_a_problem_of_its_line_and_column_and_nothing_is_sent()
    {
        // Left out with the empty columns around it, the value would be lost without a word.
        var csv = _custodian.Folder.File("schools.csv", "school,name,\n100001,Leeds School,\n100002,York School,spare\n100003,Bath School,,x\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Equal(
            "line 3: column 3 ('spare') has no header: name the column in the header row, or leave its cells empty\n"
            + "line 4: column 4 ('x') has no header: name the column in the header row, or leave its cells empty\n",
            run.Out);
    }
}
