using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

public sealed class ImportFromPipeTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Two_different_files_imported_through_a_pipe_are_both_written()
    {
        // Each import's batch keys come from its bytes; were they taken from a second reading of the pipe (empty), the second
        // import would share the first's keys and be skipped as already sent.
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);
        Assert.Equal(0, server.Run(null, "create", definition).ExitCode);

        var first = await ImportAsync(server, "school,name\n100001,Leeds School\n");
        var second = await ImportAsync(server, "school,name\n100002,York School\n");
        var again = await ImportAsync(server, "school,name\n100002,York School\n");
        var status = server.Run(null, "status", "-r", "school");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("sent: 1\nsize: 2\n", second.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("sent: 0\nsize: 2\n", again.Out, StringComparison.Ordinal);
        Assert.Contains("size: 2\n", status.Out, StringComparison.Ordinal);
    }

    /// <summary>Runs the built executable with <paramref name="csv"/> on its standard input, a pipe.</summary>
    private static async Task<CliRun> ImportAsync(LiveServer server, string csv)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = CliProcess.Start(["import", "-r", "school", "--server", server.Address, "--key", server.AdminKeyFile, "/dev/stdin"]);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(csv);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
