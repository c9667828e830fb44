using Registers.Protocol.Json;

namespace Registers.Protocol.Entries;

/// <summary>What is wrong with an entry key.</summary>
public enum EntryKeyErrorKind
{
    /// <summary>The key is empty.</summary>
    Empty,

    /// <summary>A user key must start with an ASCII letter or digit.</summary>
    InvalidFirstCharacter,

    /// <summary>A character outside ASCII letters, digits and <c>- _ . /</c> (user), or outside the system-key grammar.</summary>
    InvalidCharacter,

    /// <summary>Two of <c>- _ . /</c> next to each other (<c>A..B</c>, <c>C_/34</c>).</summary>
    ConsecutiveDelimiters,

    /// <summary>A system key with a prefix other than <c>field:</c> or <c>register:</c>.</summary>
    UnknownPrefix,

    /// <summary>A system key (or the part after its prefix) that is not a name, <c>[a-z][a-z0-9-]*</c>.</summary>
    InvalidName,
}

/// <summary>Why a key was refused, and the zero-based index of the character at fault.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Position">Index of the offending character in the key.</param>
public readonly record struct EntryKeyError(EntryKeyErrorKind Kind, int Position)
{
    /// <summary>A sentence saying what is wrong and where.</summary>
    public string Message => Kind switch
    {
        EntryKeyErrorKind.Empty => "the key is empty",
        EntryKeyErrorKind.InvalidFirstCharacter => $"a key must start with an ASCII letter or digit (at {Position})",
        EntryKeyErrorKind.InvalidCharacter => $"only ASCII letters, digits and - _ . / are allowed (at {Position})",
        EntryKeyErrorKind.ConsecutiveDelimiters => $"- _ . / may not follow one another (at {Position})",
        EntryKeyErrorKind.UnknownPrefix => $"system keys are a name, field:<name>, register:<name> or custodian-key:<key id> (at {Position})",
        EntryKeyErrorKind.InvalidName => $"not a name [a-z][a-z0-9-]* (at {Position})",
        _ => Kind.ToString(),
    };

    /// <inheritdoc/>
    public override string ToString() => Message;
}

/// <summary>
/// Entry key syntax.
/// <list type="bullet">
/// <item>User keys follow the v1 ID type (specification key-def, RFC 0008 "entry key constraints"):
/// <c>id = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-" / "_" / "." / "/")</c>, where the four delimiters may not
/// appear next to each other. <c>/</c> is legacy and discouraged. Every user key in the 52 GOV.UK RSF files
/// fits. As in the ABNF, a single trailing delimiter is allowed.</item>
/// <item>System keys name metadata. GOV.UK used <c>name</c>, <c>register-name</c>, <c>custodian</c>,
/// <c>field:&lt;field&gt;</c> and <c>register:&lt;register&gt;</c>, and once (government-domain, 2018) a bare register
/// name. The rule is therefore a name (<c>[a-z][a-z0-9-]*</c>), optionally after <c>field:</c> or <c>register:</c>.
/// Beyond GOV.UK, <c>custodian-key:&lt;key id&gt;</c> lists a key allowed to write the register; its key id
/// (eight hex digits) follows the user-key grammar.</item>
/// </list>
/// No length limit: the specification sets none.
/// </summary>
public static class EntryKey
{
    private const string FieldPrefix = "field:";
    private const string RegisterPrefix = "register:";

    /// <summary>The prefix of the system keys that list a custodian key allowed to write the register, by key id.</summary>
    public const string CustodianKeyPrefix = "custodian-key:";

    /// <summary>Whether <paramref name="key"/> is a valid key in <paramref name="log"/>; when not, why.</summary>
    public static bool IsValid(EntryLog log, ReadOnlySpan<char> key, out EntryKeyError error) =>
        log == EntryLog.User ? IsValidUserKey(key, out error) : IsValidSystemKey(key, out error);

    /// <summary>Whether <paramref name="key"/> is a valid key in <paramref name="log"/>.</summary>
    public static bool IsValid(EntryLog log, ReadOnlySpan<char> key) => IsValid(log, key, out _);

    private static bool IsValidUserKey(ReadOnlySpan<char> key, out EntryKeyError error)
    {
        if (key.IsEmpty)
        {
            error = new EntryKeyError(EntryKeyErrorKind.Empty, 0);
            return false;
        }

        var previousWasDelimiter = true; // so that a leading delimiter is caught
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                previousWasDelimiter = false;
                continue;
            }

            if (c is not ('-' or '_' or '.' or '/'))
            {
                error = new EntryKeyError(EntryKeyErrorKind.InvalidCharacter, i);
                return false;
            }

            if (previousWasDelimiter)
            {
                error = new EntryKeyError(i == 0 ? EntryKeyErrorKind.InvalidFirstCharacter : EntryKeyErrorKind.ConsecutiveDelimiters, i);
                return false;
            }

            previousWasDelimiter = true;
        }

        error = default;
        return true;
    }

    private static bool IsValidSystemKey(ReadOnlySpan<char> key, out EntryKeyError error)
    {
        if (key.IsEmpty)
        {
            error = new EntryKeyError(EntryKeyErrorKind.Empty, 0);
            return false;
        }

        var colon = key.IndexOf(':');
        var nameStart = 0;
        if (colon >= 0)
        {
            var prefix = key[..(colon + 1)];
            if (prefix.SequenceEqual(CustodianKeyPrefix))
            {
                // Key ids are hex digits, which need not start with a letter: they follow the user-key grammar.
                var valid = IsValidUserKey(key[(colon + 1)..], out error);
                error = valid ? error : error with { Position = error.Position + colon + 1 };
                return valid;
            }

            if (!prefix.SequenceEqual(FieldPrefix) && !prefix.SequenceEqual(RegisterPrefix))
            {
                error = new EntryKeyError(EntryKeyErrorKind.UnknownPrefix, 0);
                return false;
            }

            nameStart = colon + 1;
        }

        var name = key[nameStart..];
        if (!CanonicalJson.IsAttributeName(name))
        {
            var bad = name.IsEmpty || !char.IsAsciiLetterLower(name[0]) ? 0 : 1 + name[1..].IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-");
            error = new EntryKeyError(EntryKeyErrorKind.InvalidName, nameStart + bad);
            return false;
        }

        error = default;
        return true;
    }
}
