using Registers.Protocol.Hashing;

namespace Registers.Protocol.Entries;

/// <summary>
/// An entry that gives a key the item(s) it already has changes nothing, so it is refused as a no-op.
/// Items of an entry are a set (specification entry-def: <c>item: Set Hash</c>), so order and
/// repetition inside the list do not matter. GOV.UK's own data breaks the rule: government-service's
/// user log re-appends keys 1171-1173 unchanged twice (2017-08-29), and the system logs hold 33 such
/// repeats (fields and registers re-appended during 2018 migrations). A replay of old data must
/// therefore accept repeats; new appends should be held to this rule.
/// </summary>
public static class RepeatRule
{
    /// <summary>Whether appending <paramref name="appended"/> after <paramref name="previousForKey"/> (the latest items of the same key in the same log) is a no-op.</summary>
    /// <remarks>An empty <paramref name="previousForKey"/> means the key is new: never a repeat.</remarks>
    public static bool IsNoOpRepeat(ReadOnlySpan<Digest> previousForKey, ReadOnlySpan<Digest> appended)
    {
        if (previousForKey.IsEmpty || appended.IsEmpty)
        {
            return false;
        }

        // The usual case, one item each, or lists in the same order.
        if (previousForKey.SequenceEqual(appended))
        {
            return true;
        }

        return ContainsAll(previousForKey, appended) && ContainsAll(appended, previousForKey);
    }

    /// <summary>Whether <paramref name="appended"/> repeats <paramref name="previousForKey"/>, the latest entry for the same key and log (or null when there is none).</summary>
    /// <exception cref="ArgumentException">The two entries are for different logs or keys.</exception>
    public static bool IsNoOpRepeat(Entry? previousForKey, Entry appended)
    {
        ArgumentNullException.ThrowIfNull(appended);
        if (previousForKey is null)
        {
            return false;
        }

        if (previousForKey.Log != appended.Log || previousForKey.Key != appended.Key)
        {
            throw new ArgumentException("The previous entry must be for the same log and key.", nameof(previousForKey));
        }

        return IsNoOpRepeat(previousForKey.ItemHashes.AsSpan(), appended.ItemHashes.AsSpan());
    }

    // Lists are a handful of hashes long: a nested scan beats building a set.
    private static bool ContainsAll(ReadOnlySpan<Digest> haystack, ReadOnlySpan<Digest> needles)
    {
        foreach (var needle in needles)
        {
            if (haystack.IndexOf(needle) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
