namespace Registers.Protocol.Entries;

/// <summary>
/// The two logs of a register. Each is numbered on its own from 1: the user log holds the data and
/// is the one GOV.UK's Merkle tree covers; the system log holds metadata (name, custodian, fields).
/// </summary>
public enum EntryLog
{
    /// <summary>The data log (RSF <c>user</c>).</summary>
    User,

    /// <summary>The metadata log (RSF <c>system</c>).</summary>
    System,
}

/// <summary>The RSF spellings of <see cref="EntryLog"/>.</summary>
public static class EntryLogNames
{
    /// <summary><c>user</c> or <c>system</c>.</summary>
    public static string ToWireName(this EntryLog log) => log switch
    {
        EntryLog.User => "user",
        EntryLog.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(log), log, "Unknown log."),
    };

    /// <summary>Parses <c>user</c> or <c>system</c> (exactly, lower case).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EntryLog log)
    {
        log = text is "user" ? EntryLog.User : EntryLog.System;
        return text is "user" or "system";
    }
}
