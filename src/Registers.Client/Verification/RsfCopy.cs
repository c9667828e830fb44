using System.Globalization;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf;

namespace Registers.Client.Verification;

/// <summary>
/// Checks a copy of a whole register (RSF from the empty tree) against a verified checkpoint, recomputing everything
/// from scratch: each item's hash, each entry's leaf, the chain hash and the root. Used by full audits and mirrors.
/// </summary>
public static class RsfCopy
{
    /// <summary>Replays <paramref name="rsf"/> and checks it holds exactly the tree <paramref name="checkpoint"/> signs.</summary>
    /// <param name="checkpoint">The verified checkpoint the copy must match.</param>
    /// <param name="rsf">The RSF, from the first entry; read to its end and left open.</param>
    /// <param name="chainHash">The chain hash the server gives for the last entry, to check too; null to skip.</param>
    /// <param name="progress">Told how far the replay has read.</param>
    /// <param name="cancellationToken">Stops the replay between lines.</param>
    /// <returns>What the replay found (entry and item counts, roots, warnings).</returns>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.ContentsMismatch"/>, with the first problems as evidence.</exception>
    public static RsfVerification Verify(
        VerifiedCheckpoint checkpoint, Stream rsf, string? chainHash = null, IProgress<RsfProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var replay = RsfVerifier.Verify(rsf, new RsfVerifyOptions { MaxProblemsKept = 10 }, progress, cancellationToken);
        var register = checkpoint.Register;
        if (!replay.IsValid)
        {
            throw Fail(checkpoint, $"The register's contents do not replay: {replay.ErrorCount} error(s), the first: {replay.Errors[0]}",
                "a valid log", string.Join("; ", replay.Errors.Select(error => error.ToString())));
        }

        if (replay.UserEntries != (ulong)checkpoint.Size || replay.UserRoot != checkpoint.Checkpoint.Root)
        {
            throw Fail(checkpoint, "The register's entries do not recompute to the signed root.",
                $"{checkpoint.Size} entries, root {checkpoint.Checkpoint.Root}", $"{replay.UserEntries} entries, root {replay.UserRoot}");
        }

        if (chainHash is not null && (!Digest.TryParse(chainHash, out var claimed) || claimed != replay.UserChainHash))
        {
            throw Fail(checkpoint, $"The chain hash the server gives for entry {checkpoint.Size.ToString(CultureInfo.InvariantCulture)} is not the one its entries make.",
                replay.UserChainHash.ToString(), chainHash);
        }

        return replay;
    }

    /// <summary>Checks that the system log (the metadata) <paramref name="replay"/> rebuilt is the tree <paramref name="systemCheckpoint"/> signs.</summary>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.ContentsMismatch"/> with both roots.</exception>
    public static void VerifySystem(VerifiedCheckpoint systemCheckpoint, RsfVerification replay)
    {
        ArgumentNullException.ThrowIfNull(systemCheckpoint);
        ArgumentNullException.ThrowIfNull(replay);
        if (replay.SystemEntries != (ulong)systemCheckpoint.Size || replay.SystemRoot != systemCheckpoint.Checkpoint.Root)
        {
            throw Fail(systemCheckpoint, "The register's system entries (its metadata) do not recompute to the signed root of its system log.",
                $"{systemCheckpoint.Size} system entries, root {systemCheckpoint.Checkpoint.Root}", $"{replay.SystemEntries} system entries, root {replay.SystemRoot}");
        }
    }

    private static VerificationException Fail(VerifiedCheckpoint checkpoint, string message, string expected, string actual) =>
        new(VerificationProblem.ContentsMismatch, checkpoint.Register, message, expected, actual) { TrustedCheckpoint = checkpoint.SignedNote };
}
