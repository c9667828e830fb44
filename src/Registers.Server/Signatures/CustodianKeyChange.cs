using Registers.Protocol.Items;

namespace Registers.Server.Signatures;

/// <summary>
/// A custodian-key entry must change whether its key may write: allowing a key that is allowed already would move its
/// <c>start-date</c>, revoking one revoked already its <c>end-date</c>, and an auditor judges the writes a key signed by
/// those dates; revoking a key the register never listed would record an end to writes it never allowed. Decided against the key's current record under the register's lock, so two changes racing each other
/// cannot both land.
/// </summary>
public static class CustodianKeyChange
{
    /// <summary>The rule broken by allowing an allowed key.</summary>
    public const string AlreadyAllowed = "key-already-allowed";

    /// <summary>The rule broken by revoking a revoked key.</summary>
    public const string AlreadyRevoked = "key-already-revoked";

    /// <summary>The rule broken by revoking a key the register does not list (never allowed there, or listed under its key id no more).</summary>
    public const string NeverAllowed = "key-never-allowed";

    /// <summary>The rule broken by allowing a key under a key id another key has (BatchDecider checks it, across registers).</summary>
    public const string KeyIdTaken = "key-id-taken";

    /// <summary>The rule broken by a custodian-key entry whose items are not one item listing an Ed25519 key, with datetimes in order for dates (BatchDecider checks it).</summary>
    public const string KeyItem = "custodian-key-item";

    /// <summary>The rule broken by listing a key under other digits than its own key id's (BatchDecider checks it).</summary>
    public const string KeyIdOfEntry = "custodian-key-id";

    /// <summary>The rule <paramref name="next"/> breaks after <paramref name="current"/> (the key's current item), or null if it changes something.</summary>
    public static string? BrokenRule(Item current, Item next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        if (CustodianKeyStore.Parse(current.ToString()) is not { } before || CustodianKeyStore.Parse(next.ToString()) is not { } after
            || !before.Key.Equals(after.Key) || before.Revoked != after.Revoked)
        {
            return null;
        }

        return after.Revoked ? AlreadyRevoked : AlreadyAllowed;
    }
}
