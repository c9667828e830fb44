namespace Registers.Cli.Tests.Support;

/// <summary>What one run of the command line did.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>Runs <c>registers</c> in-process with plain text consoles: no process to start, output captured exactly.</summary>
internal static class RegistersCli
{
    public static CliRun Run(params string[] args) => Run(null, args);

    /// <summary>Runs in <paramref name="environment"/> (the process's when null).</summary>
    public static CliRun Run(Registers.Cli.Config.CliEnvironment? environment, params string[] args) => Run(environment, null, args);

    /// <summary>Runs in <paramref name="environment"/>, writing progress lines every <paramref name="progressInterval"/> (the default when null).</summary>
    public static CliRun Run(Registers.Cli.Config.CliEnvironment? environment, TimeSpan? progressInterval, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var consoles = CliConsoles.Plain(output, error);
        var exitCode = RegistersApp.RunAsync(progressInterval is { } interval ? consoles with { ProgressInterval = interval } : consoles, args, environment).GetAwaiter().GetResult();
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>An environment working in <paramref name="folder"/> that reaches real servers over sockets, with only HOME set.</summary>
    public static Registers.Cli.Config.CliEnvironment Sockets(string folder) =>
        new(name => name == "HOME" ? folder : null, folder, () => new SocketsHttpHandler())
        {
            ClientOptions = new() { RetryDelay = TimeSpan.FromMilliseconds(200), Retries = 2 },
        };

    /// <summary>An environment with only <paramref name="variables"/> set, working in <paramref name="folder"/>, reaching <paramref name="server"/>.</summary>
    public static Registers.Cli.Config.CliEnvironment Environment(string folder, HttpMessageHandler? server = null, IReadOnlyDictionary<string, string>? variables = null) =>
        new(name => variables?.GetValueOrDefault(name), folder, () => server ?? throw new InvalidOperationException("This test has no server."))
        {
            ClientOptions = new() { RetryDelay = TimeSpan.FromMilliseconds(1), Retries = 2 },
        };
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

    /// <summary>A fresh empty folder, deleted with everything in it when disposed.</summary>
    public static TempFolder Folder() => new();

    public void Dispose() => File.Delete(Path);
}

/// <summary>A folder in the temp folder, deleted with its contents when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("registers-cli-test-").FullName;

    public string File(string name, string? contents = null)
    {
        var path = System.IO.Path.Combine(Path, name);
        if (contents is not null)
        {
            System.IO.File.WriteAllText(path, contents);
        }

        return path;
    }

    /// <summary>A file of <paramref name="contents"/> only its owner may read or write, as a private key file is kept (keygen makes them so).</summary>
    public string SecretFile(string name, string contents)
    {
        var path = File(name, contents);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
