using System.Globalization;
using Registers.Client.Verification;

namespace Registers.Client.Reads;

/// <summary>
/// The <c>Register-Tree-Size</c> header: the tree size the server says it read an answer at, which a verifying client
/// holds against the checkpoint's. Absent, the server said nothing, and the record is checked by its proof alone; present,
/// it is one decimal number, or the answer is not the API's and is refused as one a verifying client cannot read.
/// </summary>
internal static class TreeSizeHeader
{
    public const string Name = "Register-Tree-Size";

    /// <summary>The tree size <paramref name="response"/> names, or null when it names none.</summary>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.MalformedAnswer"/>: the header is not one tree size
    /// (not a number, a negative one, several values).</exception>
    public static long? Read(string register, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(Name, out var values))
        {
            return null;
        }

        var served = values.ToList();
        return served is [var value] && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : throw new VerificationException(VerificationProblem.MalformedAnswer, register,
                $"The server's {Name} header is not a tree size.", "one tree size", string.Join(", ", served.Select(text => $"'{text}'")));
    }
}
