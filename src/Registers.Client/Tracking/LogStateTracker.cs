using Registers.Client.Verification;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Client.Tracking;

/// <summary>
/// Remembers the last verified checkpoint of each register and accepts a newer one only when a consistency proof shows
/// its tree extends the old one. The first checkpoint seen of a register is trusted on its signature alone. On an
/// inconsistency the old checkpoint stays trusted, and the exception (saved to the store as evidence) holds both
/// checkpoints and the proof. A server that refuses the proof (a 4xx answer other than 408 and 429) fails the same way, its
/// refusal kept as evidence with both checkpoints: a fork must not hide behind a refusal taken for an outage.
/// </summary>
public sealed class LogStateTracker
{
    private readonly ICheckpointSource _source;
    private readonly CheckpointTrust _trust;
    private readonly ILogStateStore _store;

    /// <summary>A tracker that fetches from <paramref name="source"/>, checks signatures with <paramref name="trust"/> and keeps state in <paramref name="store"/> (memory when null).</summary>
    public LogStateTracker(ICheckpointSource source, CheckpointTrust trust, ILogStateStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(trust);
        _source = source;
        _trust = trust;
        _store = store ?? new MemoryLogStateStore();
    }

    /// <summary>
    /// The name <paramref name="register"/>'s state is kept under in the store: the register's, or <c>&lt;register&gt;.system</c>
    /// for its system log (a trust of <see cref="CheckpointTrust.ForSystemLogs"/>), so the trackers of both logs can share a store.
    /// </summary>
    public string StateName(string register) => _trust.StateName(register);

    /// <summary>The last checkpoint verified for <paramref name="register"/>, or null when none was.</summary>
    /// <exception cref="VerificationException">The stored checkpoint does not verify: it is another log's, the store was altered, or another key is pinned now.</exception>
    public async Task<VerifiedCheckpoint?> GetTrustedAsync(string register, CancellationToken cancellationToken = default)
    {
        var name = StateName(register);
        if (await _store.LoadAsync(name, cancellationToken).ConfigureAwait(false) is { } note)
        {
            return Kept(register, note);
        }

        // Before the logs were named apart a system log's state was kept under the register's name, in a store of its own
        // as was advised: still trusted. In a store shared with the entries' tracker, what is kept there is theirs.
        return name != register && await _store.LoadAsync(register, cancellationToken).ConfigureAwait(false) is { } earlier
            && _trust.SignedOrigin(earlier) == _trust.Origin(register) ? Kept(register, earlier) : null;
    }

    private VerifiedCheckpoint Kept(string register, string note)
    {
        try
        {
            return _trust.Verify(register, note);
        }
        catch (VerificationException refused)
        {
            // The note refused is the one kept here, not one the server just served: say so, lest the server be blamed.
            var message = refused.Problem == VerificationProblem.ContentsMismatch
                ? $"The checkpoint kept as trusted signs a root for the empty tree that is not the empty tree's (kept by a client that did not check it; remove it to start afresh). {refused.Message}"
                : _trust.SignedOrigin(note) is { } other
                ? $"The checkpoint kept as trusted is another log's: the store holds the checkpoint of {other}, signed by the pinned log key, where this log's is kept. {refused.Message}"
                : $"The checkpoint kept as trusted does not verify with the pinned log key: the store was altered, or another key is pinned now (remove the kept checkpoint to start afresh). {refused.Message}";
            throw new VerificationException(refused.Problem, register, message, refused.Expected, refused.Actual)
            {
                TrustedCheckpoint = note,
            };
        }
    }

    /// <summary>Fetches the latest checkpoint of <paramref name="register"/>, verifies it, and accepts it if it extends the trusted one.</summary>
    /// <returns>The checkpoint now trusted.</returns>
    /// <exception cref="VerificationException">A bad signature, a false root for the empty tree, a smaller tree, an inconsistency or
    /// a refused proof (then, but for a bad signature, the evidence is saved too).</exception>
    public async Task<VerifiedCheckpoint> UpdateAsync(string register, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(register);
        // Fetched and judged before the store's lock is taken, so that lookups of one register never wait on each other's
        // requests: only the saving takes turns. Judged against the checkpoint trusted before the fetch began, a
        // smaller tree is a rollback, not a race with another lookup that accepted a newer one meanwhile.
        var before = await GetTrustedAsync(register, cancellationToken).ConfigureAwait(false);
        var latest = await VerifyServedAsync(register, await _source.GetCheckpointAsync(register, null, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var (proof, refused) = await ExtensionProofAsync(before, latest, cancellationToken).ConfigureAwait(false);
        if (before is not null && (refused ?? Judge(before, latest, proof)) is { } refusal)
        {
            // Waited for whatever the caller's token says since, as the evidence is kept (RefuseAsync).
            var forEvidence = await _store.LockAsync(StateName(register), CancellationToken.None).ConfigureAwait(false);
            await using (forEvidence.ConfigureAwait(false))
            {
                return await RefuseAsync(register, refusal).ConfigureAwait(false);
            }
        }

        var held = await _store.LockAsync(StateName(register), cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            var trusted = await GetTrustedAsync(register, cancellationToken).ConfigureAwait(false);
            if (trusted?.SignedNote == before?.SignedNote)
            {
                return await SaveHeldAsync(trusted, latest, cancellationToken).ConfigureAwait(false);
            }

            // Another lookup accepted a checkpoint meanwhile. This fetch is judged against it all the same, in whichever
            // direction: a server may show one lookup a fork and the next the honest log, and the fork is evidence.
            if (trusted is not null && latest.Size < trusted.Size)
            {
                return await CheckEarlierHeldAsync(trusted, latest, cancellationToken).ConfigureAwait(false);
            }

            return await AcceptHeldAsync(trusted, latest, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <paramref name="note"/>, served as the latest checkpoint, verified. One of the empty tree signing another root is the
    /// log key's own statement and false on its face: it is kept as evidence, as an inconsistency is. A bad signature is
    /// no one's statement, and is not kept.
    /// </summary>
    private async Task<VerifiedCheckpoint> VerifyServedAsync(string register, string note)
    {
        VerificationException falseRoot;
        try
        {
            return _trust.Verify(register, note);
        }
        catch (VerificationException refused) when (refused.Problem == VerificationProblem.ContentsMismatch)
        {
            falseRoot = refused;
        }

        var forEvidence = await _store.LockAsync(StateName(register), CancellationToken.None).ConfigureAwait(false);
        await using (forEvidence.ConfigureAwait(false))
        {
            return await RefuseAsync(register, falseRoot).ConfigureAwait(false);
        }
    }

    /// <summary>Accepts <paramref name="newer"/> if it extends the trusted checkpoint of its register (or there is none yet).</summary>
    /// <exception cref="VerificationException">A smaller tree, an inconsistency or a refused proof (then the evidence is saved too).</exception>
    public async Task<VerifiedCheckpoint> AcceptAsync(VerifiedCheckpoint newer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newer);
        var held = await _store.LockAsync(StateName(newer.Register), cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            var trusted = await GetTrustedAsync(newer.Register, cancellationToken).ConfigureAwait(false);
            return await AcceptHeldAsync(trusted, newer, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<VerifiedCheckpoint> AcceptHeldAsync(VerifiedCheckpoint? trusted, VerifiedCheckpoint newer, CancellationToken cancellationToken)
    {
        if (trusted is not null)
        {
            var (proof, refused) = await ExtensionProofAsync(trusted, newer, cancellationToken).ConfigureAwait(false);
            if ((refused ?? Judge(trusted, newer, proof)) is { } refusal)
            {
                return await RefuseAsync(newer.Register, refusal).ConfigureAwait(false);
            }
        }

        return await SaveHeldAsync(trusted, newer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps <paramref name="trusted"/> if <paramref name="earlier"/>, served after it was accepted, is a tree it extends; refuses otherwise.</summary>
    private async Task<VerifiedCheckpoint> CheckEarlierHeldAsync(VerifiedCheckpoint trusted, VerifiedCheckpoint earlier, CancellationToken cancellationToken)
    {
        if (earlier.Size == 0)
        {
            return trusted;
        }

        var (proof, refused) = await ProofAsync(trusted, earlier, earlier.Size, trusted.Size, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return await RefuseAsync(earlier.Register, refused).ConfigureAwait(false);
        }

        if (ConsistencyProof.Verify((ulong)earlier.Size, (ulong)trusted.Size, earlier.Checkpoint.Root, trusted.Checkpoint.Root, [.. proof], out var error))
        {
            return trusted;
        }

        return await RefuseAsync(earlier.Register, new VerificationException(VerificationProblem.Inconsistent, earlier.Register,
            $"The checkpoint of {earlier.Size} served is no tree the trusted one of {trusted.Size} extends: {error.Message}",
            error.ExpectedRoot?.ToString() ?? $"{error.ExpectedLength} proof hashes", error.CalculatedRoot?.ToString() ?? $"{error.ActualLength} proof hashes")
        {
            TrustedCheckpoint = trusted.SignedNote,
            NewerCheckpoint = earlier.SignedNote,
            Proof = proof,
        }).ConfigureAwait(false);
    }

    private async Task<VerifiedCheckpoint> SaveHeldAsync(VerifiedCheckpoint? trusted, VerifiedCheckpoint newer, CancellationToken cancellationToken)
    {
        if (trusted?.SignedNote == newer.SignedNote)
        {
            return trusted; // nothing new to save
        }

        await _store.SaveAsync(StateName(newer.Register), newer.SignedNote, cancellationToken).ConfigureAwait(false);
        return newer;
    }

    /// <summary>The proof that <paramref name="newer"/> extends <paramref name="trusted"/>, when one is needed (none otherwise), or the refusal of it (<see cref="ProofAsync"/>).</summary>
    private Task<(IReadOnlyList<Digest> Proof, VerificationException? Refusal)> ExtensionProofAsync(VerifiedCheckpoint? trusted, VerifiedCheckpoint newer, CancellationToken cancellationToken) =>
        NeedsProof(trusted, newer)
            ? ProofAsync(trusted!, newer, trusted!.Size, newer.Size, cancellationToken)
            : Task.FromResult<(IReadOnlyList<Digest>, VerificationException?)>(([], null));

    /// <summary>
    /// The consistency proof from the tree of <paramref name="fromSize"/> to that of <paramref name="toSize"/>; when the
    /// server refuses it (<see cref="RefusedProof"/>), no proof and the failure to verify <paramref name="served"/> against
    /// <paramref name="trusted"/> that the refusal is. A failure that is no refusal (the server unreachable or failing) is thrown.
    /// </summary>
    private async Task<(IReadOnlyList<Digest> Proof, VerificationException? Refusal)> ProofAsync(
        VerifiedCheckpoint trusted, VerifiedCheckpoint served, long fromSize, long toSize, CancellationToken cancellationToken)
    {
        try
        {
            return (await _source.GetConsistencyProofAsync(served.Register, fromSize, toSize, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception refusal) when (RefusedProof.IsRefusal(refusal))
        {
            return ([], RefusedProof.Evidence(trusted, served, fromSize, toSize, refusal));
        }
    }

    private static bool NeedsProof(VerifiedCheckpoint? trusted, VerifiedCheckpoint newer) => trusted is { Size: > 0 } && newer.Size > trusted.Size;

    /// <summary>Why <paramref name="newer"/> does not extend <paramref name="trusted"/>, given <paramref name="proof"/> between them; null when it does.</summary>
    private static VerificationException? Judge(VerifiedCheckpoint trusted, VerifiedCheckpoint newer, IReadOnlyList<Digest> proof)
    {
        if (trusted.Size > newer.Size)
        {
            return new VerificationException(VerificationProblem.RolledBack, newer.Register,
                $"The log shrank from {trusted.Size} to {newer.Size} entries.", $"a tree of at least {trusted.Size}", newer.Size.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                TrustedCheckpoint = trusted.SignedNote,
                NewerCheckpoint = newer.SignedNote,
            };
        }

        if (trusted.Size == newer.Size)
        {
            return trusted.Checkpoint.Root == newer.Checkpoint.Root ? null : new VerificationException(VerificationProblem.Inconsistent, newer.Register,
                $"The log signed two roots for its tree of {newer.Size}: a split view.", trusted.Checkpoint.Root.ToString(), newer.Checkpoint.Root.ToString())
            {
                TrustedCheckpoint = trusted.SignedNote,
                NewerCheckpoint = newer.SignedNote,
            };
        }

        if (trusted.Size == 0 || ConsistencyProof.Verify((ulong)trusted.Size, (ulong)newer.Size, trusted.Checkpoint.Root, newer.Checkpoint.Root, [.. proof], out var error))
        {
            return null;
        }

        return new VerificationException(VerificationProblem.Inconsistent, newer.Register,
            $"The checkpoint of {newer.Size} does not extend the trusted one of {trusted.Size}: {error.Message}",
            error.ExpectedRoot?.ToString() ?? $"{error.ExpectedLength} proof hashes", error.CalculatedRoot?.ToString() ?? $"{error.ActualLength} proof hashes")
        {
            TrustedCheckpoint = trusted.SignedNote,
            NewerCheckpoint = newer.SignedNote,
            Proof = proof,
        };
    }

    private async Task<VerifiedCheckpoint> RefuseAsync(string register, VerificationException evidence)
    {
        // Kept whatever the caller's token says since: evidence of a fork must not be lost to a cancellation that came after it.
        try
        {
            await _store.SaveEvidenceAsync(StateName(register), string.Join('\n', evidence.Evidence()) + "\n", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // The inconsistency matters more than the file: the caller still gets all of it, and why it was not kept.
            evidence.EvidenceNotKept = failure;
        }

        throw evidence;
    }
}
