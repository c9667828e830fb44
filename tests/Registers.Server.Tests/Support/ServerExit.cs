using System.Diagnostics;

namespace Registers.Server.Tests.Support;

/// <summary>The built server run as a process until it ends by itself: for starts that must fail, and how they fail.</summary>
public static class ServerExit
{
    /// <summary>What a run that ended printed, and its exit code.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>
    /// Runs the server with <paramref name="arguments"/> (after quiet logging and no seeding, which they may override)
    /// and waits for it to exit; a server still running after a minute fails the test.
    /// </summary>
    public static Task<Outcome> RunAsync(params string[] arguments) => RunAsync(NoEnvironment, arguments);

    /// <summary>Runs the server as <see cref="RunAsync(string[])"/> does, with <paramref name="environment"/> added to its own.</summary>
    public static Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunInAsync(ServerFolder, environment, arguments);

    /// <summary>Runs the server as <see cref="RunAsync(IReadOnlyDictionary{string, string}, string[])"/> does, from <paramref name="workingDirectory"/> rather than the server's own folder.</summary>
    public static async Task<Outcome> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo("dotnet", [], arguments, environment, workingDirectory))
                            ?? throw new InvalidOperationException("Could not start the server.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The server was expected to stop by itself, and was still running after a minute:\n" + await output);
        }

        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the server as <see cref="RunAsync(string[])"/> does and returns at once, for a test that signals it (Linux). SIGINT is at its
    /// default action, as at a terminal: a shell without job control starts background jobs with it ignored, and so may the tests.
    /// </summary>
    public static Process Start(params string[] arguments) => Start(NoEnvironment, arguments);

    /// <summary>Starts the server as <see cref="Start(string[])"/> does, with <paramref name="environment"/> added to its own.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Process.Start(StartInfo("env", ["--default-signal=INT", "dotnet"], arguments, environment, ServerFolder))
        ?? throw new InvalidOperationException("Could not start the server.");

    /// <summary>A fresh folder under the temporary folder, for a server's data.</summary>
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "registers-exit-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The folder the built server is in, with the settings files built beside it.</summary>
    public static string ServerFolder => Path.GetDirectoryName(ServerProcess.ServerAssembly)!;

    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static ProcessStartInfo StartInfo(string program, string[] before, string[] arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in (string[])[.. before, ServerProcess.ServerAssembly, "--Logging:LogLevel:Default=Warning", "--Registers:SeedOnFirstStart=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
