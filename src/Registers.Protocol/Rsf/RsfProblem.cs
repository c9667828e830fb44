using Registers.Protocol.Hashing;

namespace Registers.Protocol.Rsf;

/// <summary>What is wrong with a line of RSF, or with the history it replays.</summary>
public enum RsfProblemKind
{
    /// <summary>The line is longer than <see cref="RsfReaderOptions.MaxLineLength"/>; it was skipped unread.</summary>
    LineTooLong,

    /// <summary>An empty line: RSF has one command on every line.</summary>
    EmptyLine,

    /// <summary>The first field is not <c>add-item</c>, <c>append-entry</c> or <c>assert-root-hash</c>.</summary>
    UnknownCommand,

    /// <summary>The command has too few or too many tab-separated fields (a truncated line, a stray tab).</summary>
    WrongFieldCount,

    /// <summary>The line is not well-formed UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The item of an <c>add-item</c> is not canonical JSON (the message gives the validator's reason).</summary>
    NonCanonicalItem,

    /// <summary>The log of an <c>append-entry</c> is neither <c>user</c> nor <c>system</c>.</summary>
    InvalidLog,

    /// <summary>The key of an <c>append-entry</c> breaks the key syntax of its log.</summary>
    InvalidKey,

    /// <summary>The timestamp is not <c>yyyy-MM-ddTHH:mm:ssZ</c> with a real date and time.</summary>
    InvalidTimestamp,

    /// <summary>A hash is not <c>sha-256:</c> and 64 lower-case hex digits.</summary>
    InvalidHash,

    /// <summary>An <c>append-entry</c> cites an item that no <c>add-item</c> before it added (a broken reference).</summary>
    OrphanEntry,

    /// <summary>An item that no <c>append-entry</c> cites by the end of the file.</summary>
    OrphanItem,

    /// <summary>An <c>assert-root-hash</c> does not equal the root of the user entries so far.</summary>
    RootMismatch,

    /// <summary>Warning: an <c>add-item</c> adds an item that was already added (harmless; GOV.UK's field and register files do it).</summary>
    DuplicateItem,

    /// <summary>Warning: an entry gives its key the item(s) it already had (see <see cref="Entries.RepeatRule"/>); GOV.UK's history holds such no-ops.</summary>
    RepeatedEntry,
}

/// <summary>Whether a problem makes the file invalid.</summary>
public enum RsfSeverity
{
    /// <summary>The file is not valid RSF, or its history does not hold.</summary>
    Error,

    /// <summary>Worth knowing, but real GOV.UK history contains it, so a replay accepts it.</summary>
    Warning,
}

/// <summary>A problem found on one line of an RSF file.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A sentence saying what is wrong, naming the values involved.</param>
/// <param name="Column">The 1-based byte column where the fault was found, or 0 when it concerns the whole line.</param>
/// <param name="ItemHash">The item hash the problem is about (orphan entries and items, duplicates, repeats), so a caller that
/// stores items elsewhere can resolve an orphan entry against its own store.</param>
public sealed record RsfProblem(long Line, RsfProblemKind Kind, string Message, int Column = 0, Digest? ItemHash = null)
{
    /// <summary>Warnings are <see cref="RsfProblemKind.DuplicateItem"/> and <see cref="RsfProblemKind.RepeatedEntry"/>; everything else is an error.</summary>
    public RsfSeverity Severity => Kind is RsfProblemKind.DuplicateItem or RsfProblemKind.RepeatedEntry ? RsfSeverity.Warning : RsfSeverity.Error;

    /// <summary><c>line N[, column C]: message</c>, with <c>warning: </c> in front of warnings.</summary>
    public override string ToString() =>
        (Severity == RsfSeverity.Warning ? "warning: " : "")
        + (Column > 0 ? $"line {Line}, column {Column}: {Message}" : $"line {Line}: {Message}");
}
