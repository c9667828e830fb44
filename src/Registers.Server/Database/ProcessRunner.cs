using System.Diagnostics;

namespace Registers.Server.Database;

/// <summary>Runs a program to completion and captures what it printed.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs <paramref name="program"/> as <see cref="RunAsync"/> does, and throws with its output if it fails.</summary>
    public static async Task RunCheckedAsync(string program, string[] arguments, string? asUser, CancellationToken cancellation)
    {
        var result = await RunAsync(program, arguments, asUser, cancellation);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({result.ExitCode}): {result.Output}");
        }
    }

    /// <summary>
    /// Runs <paramref name="program"/>; when <paramref name="asUser"/> is given (we are root and
    /// PostgreSQL refuses to run as root) the program runs as that user through runuser.
    /// Cancelling kills the program and all it started, then throws: left alone it would outlive the
    /// server (an initdb goes on filling its folder).
    /// </summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? asUser, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo
        {
            FileName = asUser is null ? program : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asUser is not null)
        {
            foreach (var argument in new[] { "-u", asUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        return new Result(process.ExitCode, (await stdout + await stderr).Trim());
    }
}
