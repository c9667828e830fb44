namespace Registers.Cli.Tests.Support;

/// <summary>What one run of the command line did.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>Runs <c>registers</c> in-process with plain text consoles: no process to start, output captured exactly.</summary>
internal static class RegistersCli
{
    public static CliRun Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = RegistersApp.Create(CliConsoles.Plain(output, error)).Run(args);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A file in the temp folder, deleted when disposed.</summary>
internal sealed class TempFile : IDisposable
{
    private TempFile(string path) => Path = path;

    public string Path { get; }

    public static TempFile With(byte[] contents)
    {
        var file = new TempFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"registers-test-{Guid.NewGuid():N}.rsf"));
        File.WriteAllBytes(file.Path, contents);
        return file;
    }

    public static TempFile With(string contents) => With(System.Text.Encoding.UTF8.GetBytes(contents));

    public void Dispose() => File.Delete(Path);
}
