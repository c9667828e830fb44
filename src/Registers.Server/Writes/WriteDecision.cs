namespace Registers.Server.Writes;

/// <summary>What became of one write of a group, decided under the register's lock.</summary>
public abstract record WriteDecision
{
    private WriteDecision()
    {
    }

    /// <summary>Appended (committed with the group).</summary>
    public sealed record Accepted(BatchDecision Batch) : WriteDecision;

    /// <summary>Refused: its entries break rules; nothing of it was written.</summary>
    public sealed record Refused(BatchDecision Batch) : WriteDecision;

    /// <summary>Not applied: it stated the size it extends (<c>If-Match</c>), and the log has another.</summary>
    public sealed record Stale(long Expected, long Actual) : WriteDecision;

    /// <summary>Not applied again: its signer committed a write with its idempotency key before.</summary>
    public sealed record Repeated(StoredWrite Earlier) : WriteDecision;

    /// <summary>Not applied again: an earlier write of the same group, by the same signer, carries its idempotency key.</summary>
    public sealed record SameAsEarlier(int Index) : WriteDecision;

    /// <summary>Not applied: its signer used its idempotency key for a write with another body.</summary>
    public sealed record KeyReused(string IdempotencyKey) : WriteDecision;
}
