using Registers.Protocol.Json;

namespace Registers.Server.Registers;

/// <summary>
/// The rule for a register's name: an attribute name (<c>[a-z][a-z0-9-]*</c>), as it is also its key field's, and for a
/// new register at most <see cref="MaxLength"/> characters, not ending in a hyphen nor with hyphens third and fourth, as
/// a register is served at the root of its own host <c>&lt;name&gt;.&lt;domain&gt;</c>, where its name is a DNS label
/// (see <see cref="Hosting.RegisterAddressing"/>).
/// </summary>
public static class RegisterName
{
    /// <summary>The longest DNS label, in octets (RFC 1035 2.3.4); a name of the rule's characters has one octet each.</summary>
    public const int MaxLength = 63;

    /// <summary>Why <paramref name="name"/> cannot name a new register, or null when it can.</summary>
    public static string? Refusal(string? name) =>
        Malformed(name) ?? (name!.Length > MaxLength
            ? $"name '{name}' is {name.Length} characters long: a register's name is at most {MaxLength}, as it is the DNS label of the register's own host (<name>.<domain>)"
            : name.EndsWith('-')
                ? $"name '{name}' ends in a hyphen: a register's name is the DNS label of the register's own host (<name>.<domain>), and no label ends so"
                : name.Length >= 4 && name[2..4] == "--"
                    ? $"name '{name}' has hyphens third and fourth: a register's name is the DNS label of the register's own host (<name>.<domain>), and such labels are reserved for encodings like IDNA's xn-- (RFC 5891 4.2.3.1)"
                    : null);

    /// <summary>
    /// Why <paramref name="name"/> names no register, or null when it may name one. Not the length: a register made with
    /// a longer name before the limit keeps taking writes at its path.
    /// </summary>
    public static string? Malformed(string? name) =>
        CanonicalJson.IsAttributeName(name) ? null : $"name '{name}' must be lower-case letters, digits and hyphens, starting with a letter";
}
