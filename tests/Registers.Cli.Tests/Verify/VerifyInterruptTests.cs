using System.Diagnostics;
using System.Globalization;
using Registers.Cli.Tests.Support;
using Registers.Generator;

namespace Registers.Cli.Tests.Verify;

public sealed class VerifyInterruptTests
{
    [Fact]
    public async Task An_interrupt_stops_a_verify_that_went_on_disk_deleting_its_temporary_folder_and_saying_so()
    {
        // An interrupt is a signal to a process, so this starts the built executable, with a temporary directory of the test's
        // own to see what it leaves behind. The file comes through a pipe, so that the replay waits, past its memory budget and
        // with its spill folder made, for the lines after the signal. The signal is SIGTERM, which the command takes as it
        // takes Ctrl-C's SIGINT: a suite started in the background by a shell without job control inherits SIGINT ignored, as
        // POSIX has it, and the runtime then leaves SIGINT ignored too.
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = TempFile.Folder();
        var temp = Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName;
        var rsf = File.ReadAllBytes(Rsf(folder, entries: 400_000));
        using var process = CliProcess.Start(["verify", "/dev/stdin"], new Dictionary<string, string> { ["TMPDIR"] = temp });
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var input = process.StandardInput.BaseStream;
        await input.WriteAsync(rsf.AsMemory(0, rsf.Length / 2), cancellationToken);
        await input.FlushAsync(cancellationToken);
        while (Directory.GetDirectories(temp).Length == 0 && !process.HasExited)
        {
            await Task.Delay(10, cancellationToken);
        }

        Assert.False(process.HasExited, "verify ended before it was interrupted");
        await CliProcess.SignalAsync(process, "TERM");
        await WriteUntilExitAsync(process, input, rsf.AsMemory(rsf.Length / 2), cancellationToken);

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await error}");
        // On a slow machine the progress line may have come first: what follows it is the one message.
        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("registers verify: interrupted before the end of /dev/stdin: nothing was verified", lines[^1]);
        Assert.All(lines[..^1], line => Assert.StartsWith("verify: ", line, StringComparison.Ordinal));
        Assert.Equal("", await output);
        Assert.Empty(Directory.GetDirectories(temp));
    }

    private static string Rsf(TempFolder folder, int entries)
    {
        var path = Path.Combine(folder.Path, "school.rsf");
        SchoolRegister.Write(path, entries);
        return path;
    }

    /// <summary>Writes the rest a block at a time, as long as the process reads it: once interrupted it stops at the next line.</summary>
    private static async Task WriteUntilExitAsync(Process process, Stream input, ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        try
        {
            for (var at = 0; at < rest.Length && !process.HasExited; at += 65_536)
            {
                await input.WriteAsync(rest.Slice(at, Math.Min(65_536, rest.Length - at)), cancellationToken);
            }

            input.Close();
        }
        catch (IOException)
        {
            // The process stopped reading and closed the pipe: what the test waits for.
        }

        await process.WaitForExitAsync(cancellationToken);
    }
}
