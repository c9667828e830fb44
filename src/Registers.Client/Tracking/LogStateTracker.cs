using Registers.Client.Verification;
using Registers.Protocol.Merkle;

namespace Registers.Client.Tracking;

/// <summary>
/// Remembers the last verified checkpoint of each register and accepts a newer one only when a consistency proof shows
/// its tree extends the old one. The first checkpoint seen of a register is trusted on its signature alone. On an
/// inconsistency the old checkpoint stays trusted, and the exception (saved to the store as evidence) holds both
/// checkpoints and the proof.
/// </summary>
public sealed class LogStateTracker
{
    private readonly IRegisterSource _source;
    private readonly CheckpointTrust _trust;
    private readonly ILogStateStore _store;

    /// <summary>A tracker that fetches from <paramref name="source"/>, checks signatures with <paramref name="trust"/> and keeps state in <paramref name="store"/> (memory when null).</summary>
    public LogStateTracker(IRegisterSource source, CheckpointTrust trust, ILogStateStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(trust);
        _source = source;
        _trust = trust;
        _store = store ?? new MemoryLogStateStore();
    }

    /// <summary>The last checkpoint verified for <paramref name="register"/>, or null when none was.</summary>
    /// <exception cref="VerificationException">The stored checkpoint's signature does not verify (the store was altered, or another key is pinned now).</exception>
    public async Task<VerifiedCheckpoint?> GetTrustedAsync(string register, CancellationToken cancellationToken = default)
    {
        if (await _store.LoadAsync(register, cancellationToken).ConfigureAwait(false) is not { } note)
        {
            return null;
        }

        try
        {
            return _trust.Verify(register, note);
        }
        catch (VerificationException refused)
        {
            // The note refused is the one kept here, not one the server just served: say so, lest the server be blamed.
            throw new VerificationException(refused.Problem, register,
                $"The checkpoint kept as trusted does not verify with the pinned log key: the store was altered, or another key is pinned now (remove the kept checkpoint to start afresh). {refused.Message}",
                refused.Expected, refused.Actual)
            {
                TrustedCheckpoint = note,
            };
        }
    }

    /// <summary>Fetches the latest checkpoint of <paramref name="register"/>, verifies it, and accepts it if it extends the trusted one.</summary>
    /// <returns>The checkpoint now trusted.</returns>
    /// <exception cref="VerificationException">A bad signature, a smaller tree, or an inconsistency (then the evidence is saved too).</exception>
    public async Task<VerifiedCheckpoint> UpdateAsync(string register, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(register);
        // The checkpoint is fetched under the store's lock too: one fetched before another tracker accepted a newer one
        // would be taken for a rollback.
        var held = await _store.LockAsync(register, cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            var latest = _trust.Verify(register, await _source.GetCheckpointAsync(register, null, cancellationToken).ConfigureAwait(false));
            return await AcceptHeldAsync(latest, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Accepts <paramref name="newer"/> if it extends the trusted checkpoint of its register (or there is none yet).</summary>
    /// <exception cref="VerificationException">A smaller tree or an inconsistency (then the evidence is saved too).</exception>
    public async Task<VerifiedCheckpoint> AcceptAsync(VerifiedCheckpoint newer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newer);
        var held = await _store.LockAsync(newer.Register, cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            return await AcceptHeldAsync(newer, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<VerifiedCheckpoint> AcceptHeldAsync(VerifiedCheckpoint newer, CancellationToken cancellationToken)
    {
        var trusted = await GetTrustedAsync(newer.Register, cancellationToken).ConfigureAwait(false);
        if (trusted is not null)
        {
            if (trusted.Size > newer.Size)
            {
                return await RefuseAsync(newer.Register, new VerificationException(VerificationProblem.RolledBack, newer.Register,
                    $"The log shrank from {trusted.Size} to {newer.Size} entries.", $"a tree of at least {trusted.Size}", newer.Size.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    TrustedCheckpoint = trusted.SignedNote,
                    NewerCheckpoint = newer.SignedNote,
                }).ConfigureAwait(false);
            }

            if (trusted.Size > 0)
            {
                var proof = trusted.Size == newer.Size ? [] : await _source.GetConsistencyProofAsync(newer.Register, trusted.Size, newer.Size, cancellationToken).ConfigureAwait(false);
                if (!ConsistencyProof.Verify((ulong)trusted.Size, (ulong)newer.Size, trusted.Checkpoint.Root, newer.Checkpoint.Root, [.. proof], out var error))
                {
                    return await RefuseAsync(newer.Register, new VerificationException(VerificationProblem.Inconsistent, newer.Register,
                        $"The checkpoint of {newer.Size} does not extend the trusted one of {trusted.Size}: {error.Message}",
                        error.ExpectedRoot?.ToString() ?? $"{error.ExpectedLength} proof hashes", error.CalculatedRoot?.ToString() ?? $"{error.ActualLength} proof hashes")
                    {
                        TrustedCheckpoint = trusted.SignedNote,
                        NewerCheckpoint = newer.SignedNote,
                        Proof = proof,
                    }).ConfigureAwait(false);
                }
            }
        }

        await _store.SaveAsync(newer.Register, newer.SignedNote, cancellationToken).ConfigureAwait(false);
        return newer;
    }

    private async Task<VerifiedCheckpoint> RefuseAsync(string register, VerificationException evidence)
    {
        // Kept whatever the caller's token says since: evidence of a fork must not be lost to a cancellation that came after it.
        try
        {
            await _store.SaveEvidenceAsync(register, string.Join('\n', evidence.Evidence()) + "\n", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // The inconsistency matters more than the file: the caller still gets all of it, and why it was not kept.
            evidence.EvidenceNotKept = failure;
        }

        throw evidence;
    }
}
