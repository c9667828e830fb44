using System.Diagnostics;

namespace Registers.Cli.Tests.Readme;

/// <summary>What a shell run printed and how it ended.</summary>
internal sealed record ShellRun(int ExitCode, string Out, string Error);

/// <summary>
/// Runs README commands with bash, as a reader would paste them, in a folder and environment of the test's choosing,
/// with a <c>registers</c> command on the PATH that runs the built command line.
/// </summary>
internal sealed class Shell(string folder, IReadOnlyDictionary<string, string> environment)
{
    public async Task<ShellRun> RunAsync(string commands)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", commands })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["PATH"] = CommandFolder() + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ShellRun(process.ExitCode, await output, await error);
    }

    /// <summary>A folder holding <c>registers</c>: a script that runs the command line as its own build put it.</summary>
    private string CommandFolder()
    {
        var bin = Directory.CreateDirectory(Path.Combine(folder, ".bin")).FullName;
        var script = Path.Combine(bin, "registers");
        File.WriteAllText(script, $"#!/bin/sh\nexec dotnet '{CliAssembly}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return bin;
    }

    /// <summary>The command line's own build output, in the tests' configuration (the copy beside the tests lacks its runtime config).</summary>
    private static string CliAssembly
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory);
            return Support.Checkout.PathOf("src", "Registers.Cli", "bin", output.Parent!.Name, output.Name, "registers.dll");
        }
    }
}
