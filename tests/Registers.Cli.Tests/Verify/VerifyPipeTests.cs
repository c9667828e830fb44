using Registers.Cli.Tests.Support;
using Registers.Protocol.Tests.Support;

namespace Registers.Cli.Tests.Verify;

public sealed class VerifyPipeTests
{
    /// <summary>Standard input is named as the file by its path, or by <c>-</c> as most Unix commands take it.</summary>
    [Theory]
    [InlineData("/dev/stdin")]
    [InlineData("-")]
    public async Task A_file_read_from_a_pipe_is_listed_as_the_same_file_on_disk_is(string standardInput)
    {
        // A pipe has no length to show progress against (gunzip -c file.rsf.gz | registers verify -).
        var cancellationToken = TestContext.Current.CancellationToken;
        var path = GovukFiles.PathOf(GovukFiles.CountryFixture);
        using var process = CliProcess.Start(["verify", standardInput]);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await using (var input = process.StandardInput.BaseStream)
        await using (var file = File.OpenRead(path))
        {
            await file.CopyToAsync(input, cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);

        Assert.Equal((0, ""), (process.ExitCode, await error));
        Assert.Equal(RegistersCli.Run("verify", path).Out, await output);
    }
}
