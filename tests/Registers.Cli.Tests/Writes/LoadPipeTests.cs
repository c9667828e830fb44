using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

public sealed class LoadPipeTests
{
    [Fact]
    public async Task A_load_from_a_pipe_is_refused_before_anything_is_sent()
    {
        // load reads its file again to cut the batches, and a pipe gives its lines only once: the second reading would find
        // nothing, send nothing and end as if done. The server named is never asked.
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = TempFile.Folder();
        var key = Path.Combine(folder.Path, "alice.key");
        Assert.Equal(0, RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "custodian.example/alice", "--out", key).ExitCode);
        using var process = CliProcess.Start(["load", "-r", "country", "--server", "http://localhost:1", "--key", key, "/dev/stdin"]);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", output);
        Assert.Equal(
            "registers load: /dev/stdin is not a regular file: load reads the file more than once, and a pipe gives its lines only once\n",
            error);
    }
}
