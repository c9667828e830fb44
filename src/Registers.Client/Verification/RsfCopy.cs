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

    private static VerificationException Fail(VerifiedCheckpoint checkpoint, string message, string expected, string actual) =>
        new(VerificationProblem.ContentsMismatch, checkpoint.Register, message, expected, actual) { TrustedCheckpoint = checkpoint.SignedNote };
}
