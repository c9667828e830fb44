using System.Text;
using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// An import holds a batch at a time, not its file: a file many times larger than the memory the command may use is read
/// through (here from a pipe, which can be read only once) and checked to its last line.
/// </summary>
public sealed class ImportMemoryTests : IDisposable
{
    /// <summary>The managed heap the command is given: far less than the file, and than the entries made of it.</summary>
    private const string HeapLimit = "0x3000000"; // 48 MiB

    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    [Fact]
    public async Task A_file_through_a_pipe_far_larger_than_the_memory_allowed_is_checked_to_its_last_line()
    {
        const int rows = 120_000; // of some 1 KiB each: 120 MiB
        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = CliProcess.Start(
            ["import", "-r", "school", "--definition", _custodian.DefinitionFile, "--key", _custodian.KeyFile, "--server", "http://127.0.0.1:9", "-"],
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = HeapLimit });
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var input = process.StandardInput.BaseStream;
            await input.WriteAsync("school,name\n"u8.ToArray(), cancellationToken);
            var name = new string('n', 1_000);
            for (var n = 0; n < rows; n++)
            {
                await input.WriteAsync(Encoding.UTF8.GetBytes($"{100000 + n},{name}\n"), cancellationToken);
            }

            // The last row is wrong: nothing is sent, and the problem names its line.
            await input.WriteAsync("999999,Bath School,spare\n"u8.ToArray(), cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command stopped reading (it ran out of memory): its exit says so below.
        }

        await process.WaitForExitAsync(cancellationToken);
        var run = new CliRun(process.ExitCode, await output, await error);

        Assert.True(run.ExitCode == 1, run.ToString()[..Math.Min(3_000, run.ToString().Length)]);
        Assert.Equal($"line {rows + 2}: column 3 ('spare') has no header: name the column in the header row, or leave its cells empty\n", run.Out);
        Assert.Contains("nothing sent: 1 problem in 1 line of", run.Error, StringComparison.Ordinal);
    }
}
