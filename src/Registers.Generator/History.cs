using Registers.Protocol.Entries;

namespace Registers.Generator;

/// <summary>One user entry of a generated register: a new record, or the one change a record gets.</summary>
/// <param name="Record">The record, numbered from 1 in the order records are added.</param>
/// <param name="IsUpdate">Whether the entry changes a record added earlier.</param>
/// <param name="Timestamp">The entry's timestamp.</param>
internal readonly record struct PlannedEntry(int Record, bool IsUpdate, EntryTimestamp Timestamp);

/// <summary>
/// The order of a generated register's user entries: records are added one by one, and now and then
/// (about <c>updatePercent</c> in a hundred entries) an earlier record, never changed before, gets its one
/// change instead, so every update gives its key a new item. Timestamps start at <see cref="Epoch"/> and
/// move 1 to 5 seconds an entry. The plan is a pure function of its arguments.
/// </summary>
internal static class History
{
    /// <summary>The time the generated registers begin: fixed, so that roots are reproducible.</summary>
    public static readonly EntryTimestamp Epoch = EntryTimestamp.Parse("2025-01-01T00:00:00Z");

    /// <summary>The entries of a register of <paramref name="records"/> records.</summary>
    public static IEnumerable<PlannedEntry> Plan(ulong salt, int records, int updatePercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        var updated = new System.Collections.BitArray(records + 1);
        var time = Epoch.UnixSeconds;
        var added = 0;
        for (long n = 1; added < records; n++)
        {
            var hash = Mix.Hash(salt, n);
            time += 1 + (long)(hash % 5);
            var target = added < 2 ? 0 : 1 + (int)((hash >> 8) % (ulong)added);
            if (target > 0 && (int)((hash >> 40) % 100) < updatePercent && !updated[target])
            {
                updated[target] = true;
                yield return new PlannedEntry(target, IsUpdate: true, EntryTimestamp.FromUnixSeconds(time));
            }
            else
            {
                yield return new PlannedEntry(++added, IsUpdate: false, EntryTimestamp.FromUnixSeconds(time));
            }
        }
    }
}
