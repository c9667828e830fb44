namespace Registers.Server.Writes;

/// <summary>What a batch does with entries that break a register rule (item fields, no-op repeats).</summary>
/// <remarks>
/// Protocol rules (canonical items, hashes, key syntax, root assertions) are never relaxed, nor is a timestamp after the
/// server's clock (history was made before now). Register rules are relaxed only to mirror a log whose history is fixed
/// elsewhere: GOV.UK's own registers contain repeats and values their fields forbid, and their published roots cover them.
/// </remarks>
public enum RulePolicy
{
    /// <summary>Refuse the batch.</summary>
    Refuse,

    /// <summary>Append, and report the broken rules as warnings.</summary>
    Warn,
}
