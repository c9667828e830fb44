using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Registers.Client.Problems;

namespace Registers.Cli.Writes;

/// <summary>
/// The largest body a server takes in one write, as its 413 says it (a server that publishes its limits says it before):
/// the server's problem detail passes on its web server's words, "Request body too large. The max request body size is 65536 bytes."
/// </summary>
internal static partial class ServerBodyLimit
{
    /// <summary>The limit <paramref name="problem"/> gives in bytes, or null when it is no 413 or gives none.</summary>
    public static long? Of(RegistersProblem problem) =>
        problem.Status == HttpStatusCode.RequestEntityTooLarge && problem.Detail is { } detail && Bytes().Match(detail) is { Success: true } match
            && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : null;

    /// <summary>What the server takes in one write, as a refusal's end: "the 65,536 bytes the server takes in one write", or its own words when it gives no number.</summary>
    public static string Describe(RegistersProblem refusal) =>
        Of(refusal) is { } most
            ? Describe(most)
            : $"the server takes in one write ({(int)refusal.Status} {refusal.Title}: {refusal.Detail})";

    /// <summary>A limit the server said (in a 413 or as it publishes its limits), as a refusal's end: "the 65,536 bytes the server takes in one write".</summary>
    public static string Describe(long most) => string.Create(CultureInfo.InvariantCulture, $"the {most:N0} bytes the server takes in one write");

    [GeneratedRegex(@"body size is (\d+) bytes", RegexOptions.CultureInvariant)]
    private static partial Regex Bytes();
}
