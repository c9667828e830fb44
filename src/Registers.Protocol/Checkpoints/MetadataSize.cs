using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// What ties a register's entries to its metadata: "a copy of the register up to <see cref="UserSize"/> user entries
/// carries <see cref="SystemSize"/> system entries": those of every write up to and including the one that appended
/// entry <see cref="UserSize"/> (none at 0), as RSF places them. As a signed note's text: the origin
/// (<c>&lt;host&gt;/registers/&lt;name&gt;/metadata-size</c>), then the two sizes in decimal, each on a line of its own.
/// Neither log's checkpoint says it: the logs are numbered and signed apart, so without it a copy (RSF interleaves the
/// two) could leave out metadata written among its entries, a custodian key's revocation say, and still match both
/// logs' checkpoints, the system log's at a smaller size.
/// </summary>
/// <remarks>
/// It binds how many, not where among the entries: a copy that moved metadata to later entries still matches. And it is
/// signed when asked, in no log: a server that signed two sizes for one user size is caught only by comparing the notes.
/// </remarks>
/// <param name="Origin">The register's origin, with <c>/metadata-size</c> after it.</param>
/// <param name="UserSize">A size of the user log.</param>
/// <param name="SystemSize">How many system entries a copy up to <see cref="UserSize"/> carries.</param>
public sealed record MetadataSize(string Origin, long UserSize, long SystemSize)
{
    /// <summary>What follows a register's checkpoint origin in the origin of its metadata sizes.</summary>
    public const string OriginSuffix = "/metadata-size";

    /// <summary>The note text: three lines, each ending in a newline.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{UserSize}\n{SystemSize}\n");

    /// <summary>Reads a note text written by <see cref="ToString"/>, and nothing else: one spelling for each statement.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out MetadataSize? statement)
    {
        statement = null;
        var lines = (text ?? "").Split('\n');
        if (lines is not [var origin, var user, var system, ""] || origin.Length == 0
            || !TrySize(user, out var userSize) || !TrySize(system, out var systemSize))
        {
            return false;
        }

        statement = new MetadataSize(origin, userSize, systemSize);
        return true;
    }

    // Decimal digits with no sign and no leading zero, as a checkpoint writes its size.
    private static bool TrySize(string line, out long size) =>
        long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size.ToString(CultureInfo.InvariantCulture) == line;
}
