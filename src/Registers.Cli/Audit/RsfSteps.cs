using Registers.Cli.Verify;
using Registers.Cli.Writes;
using Registers.Client.Verification;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Audit;

/// <summary>
/// The long steps of <c>audit full</c> and <c>mirror</c>, downloading RSF and replaying it, with their progress on standard
/// error as <c>verify</c> shows its own (<see cref="VerifyProgress"/>).
/// </summary>
internal static class RsfSteps
{
    /// <summary>
    /// Writes the RSF of <paramref name="to"/>'s register from user size <paramref name="from"/> to <paramref name="to"/>'s
    /// size to <paramref name="file"/>, stopped at the first line past what that range can hold (<see cref="RsfDownloadBound"/>).
    /// </summary>
    /// <returns>The bytes downloaded.</returns>
    /// <exception cref="VerificationException">The server sent more than the range can hold.</exception>
    public static async Task<long> DownloadAsync(ServerRun run, CheckpointTrust trust, string command, long from, VerifiedCheckpoint to, Stream file, CancellationToken cancellationToken)
    {
        var register = to.Register;
        var systemEntries = await CopyMetadata.SignedCountAsync(run, trust, register, to.Size, cancellationToken) - await CopyMetadata.SignedCountAsync(run, trust, register, from, cancellationToken);
        var bound = new RsfDownloadBound(from, to, Math.Max(systemEntries, 0));

        // The server streams the RSF as it reads it, without a length: progress is in lines and bytes.
        var description = $"downloading {Counted.Of(to.Size - from, "entry", "entries")}";
        return await VerifyProgress.RunAsync(run.Consoles, description, $"{command}: {description}", null, async progress =>
        {
            var counted = new CountingStream(file, progress, bound);
            await run.Client.DownloadRsfAsync(register, from, to.Size, counted, cancellationToken);
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
