using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>A definition as a Windows editor saves it, with a byte order mark and CRLF line endings, is the same definition.</summary>
public sealed class CreateFromEditorFileTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_definition_saved_with_a_byte_order_mark_and_crlf_creates_the_register()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", "\uFEFF" + Custodian.Definition.ReplaceLineEndings("\r\n"));

        var run = server.Run(null, "create", definition);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("created: school\n", run.Out, StringComparison.Ordinal);
    }
}
