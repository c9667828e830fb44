using System.Globalization;
using Registers.Cli.Verify;
using Registers.Cli.Writes;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Audit;

/// <summary>
/// The long steps of <c>audit full</c> and <c>mirror</c>, downloading RSF and replaying it, with their progress on standard
/// error as <c>verify</c> shows its own (<see cref="VerifyProgress"/>).
/// </summary>
internal static class RsfSteps
{
    /// <summary>Writes the RSF of <paramref name="register"/> from user size <paramref name="from"/> to <paramref name="to"/> to <paramref name="file"/>.</summary>
    /// <returns>The bytes downloaded.</returns>
    public static Task<long> DownloadAsync(ServerRun run, string command, string register, long from, long to, Stream file, CancellationToken cancellationToken)
    {
        // The server streams the RSF as it reads it, without a length: progress is in lines and bytes.
        var description = string.Create(CultureInfo.InvariantCulture, $"downloading {to - from:N0} entries");
        return VerifyProgress.RunAsync(run.Consoles, description, $"{command}: {description}", null, async progress =>
        {
            var counted = new CountingStream(file, progress);
            await run.Client.DownloadRsfAsync(register, from, to, counted, cancellationToken);
            return counted.Position;
        });
    }

    /// <summary>Runs <paramref name="replay"/> over the RSF file at <paramref name="path"/>, shown as <paramref name="description"/>.</summary>
    public static T Replay<T>(CliConsoles consoles, string command, string description, string path, Func<Stream, IProgress<RsfProgress>, T> replay)
    {
        using var rsf = File.OpenRead(path);
        return VerifyProgress.Run(consoles, description, $"{command}: {description}", rsf.Length, progress => replay(rsf, progress));
    }
}
