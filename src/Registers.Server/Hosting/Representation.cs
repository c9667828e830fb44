using Microsoft.Net.Http.Headers;

namespace Registers.Server.Hosting;

/// <summary>The representations the read API serves, as GOV.UK served them.</summary>
public enum ReadFormat
{
    /// <summary><c>application/json</c>, the default.</summary>
    Json,

    /// <summary><c>text/csv;charset=UTF-8</c>, CRLF line ends, lists joined with <c>;</c>.</summary>
    Csv,
}

/// <summary>
/// Chooses a resource's representation as the GOV.UK specification says: a <c>.json</c> or <c>.csv</c> suffix
/// wins, then the <c>Accept</c> header, and JSON when neither says anything. A format the resource does not
/// have is a 406 problem.
/// </summary>
public static class Representation
{
    /// <summary>The JSON media type, written without parameters as GOV.UK wrote it.</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>A JSON answer (<c>application/json</c>) with its length, written in one piece.</summary>
    public static IResult Json<T>(T value) => WholeBody.Json(value);

    /// <summary>The CSV content type exactly as GOV.UK wrote it.</summary>
    public const string CsvContentType = "text/csv;charset=UTF-8";

    private const string SuffixItem = "registers.format-suffix";

    /// <summary>Suffixes GOV.UK's server knew; only <c>json</c> and <c>csv</c> are served here, the rest are 406.</summary>
    private static readonly HashSet<string> KnownSuffixes = ["json", "csv", "tsv", "yaml", "ttl", "xlsx", "xml", "html"];

    /// <summary>
    /// Removes a format suffix from the last segment of <paramref name="path"/> (<c>/records.json</c>,
    /// <c>/records/GB.csv</c>) and remembers it for <see cref="TryChoose"/>; returns the path without it.
    /// </summary>
    public static string StripSuffix(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        if (dot <= slash + 1)
        {
            return path;
        }

        var suffix = path[(dot + 1)..];
        if (!KnownSuffixes.Contains(suffix))
        {
            return path;
        }

        context.Items[SuffixItem] = suffix;
        return path[..dot];
    }

    /// <summary>The format's suffix, <c>json</c> or <c>csv</c> (also how ETags tell representations apart).</summary>
    public static string Suffix(this ReadFormat format) => format == ReadFormat.Csv ? "csv" : "json";

    /// <summary>Whether the format was named by a suffix (then the response does not vary with <c>Accept</c>).</summary>
    public static bool HasSuffix(HttpContext context) => context?.Items.ContainsKey(SuffixItem) == true;

    /// <summary>The format suffix taken off the path (<c>json</c> of <c>/records/GB.json</c>), or null.</summary>
    public static string? TakenSuffix(HttpContext context) => context?.Items[SuffixItem] as string;

    /// <summary>The format the client asked for among those the resource has, or a 406 problem.</summary>
    /// <param name="context">The request.</param>
    /// <param name="csv">Whether the resource has a CSV representation.</param>
    /// <param name="format">The chosen format.</param>
    /// <param name="problem">The 406 answer when none of the client's formats is available.</param>
    public static bool TryChoose(HttpContext context, bool csv, out ReadFormat format, out IResult problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        problem = Results.Empty;
        format = ReadFormat.Json;
        if (context.Items.TryGetValue(SuffixItem, out var value) && value is string suffix)
        {
            if (suffix == "json" || (csv && suffix == "csv"))
            {
                format = suffix == "csv" ? ReadFormat.Csv : ReadFormat.Json;
                return true;
            }

            problem = NotAcceptable($"'.{suffix}'", csv);
            return false;
        }

        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        var accept = context.Request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return true;
        }

        var json = Quality(accept, "application", "json", "json");
        var table = csv ? Quality(accept, "text", "csv", null) : 0;
        if (json <= 0 && table <= 0)
        {
            problem = NotAcceptable($"Accept: {context.Request.Headers.Accept}", csv);
            return false;
        }

        format = table > json ? ReadFormat.Csv : ReadFormat.Json;
        return true;
    }

    /// <summary>
    /// For a resource served as JSON alone (the register, a proof, a write's receipt): null, or the 406 problem for a suffix
    /// that names another format or an <c>Accept</c> that takes no JSON, as a resource that also has CSV refuses them.
    /// </summary>
    public static IResult? RefuseAllButJson(HttpContext context) => TryChoose(context, csv: false, out _, out var problem) ? null : problem;

    /// <summary>
    /// For a resource with one representation of its own (a checkpoint note, a tile, a download): null, or a
    /// 406 problem when the path named another format by a suffix. The suffix is taken off before routing, so without
    /// this check <c>/download-csv.json</c> answered CSV and <c>/checkpoint.json</c> a note, as if it had been asked for.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="suffix">The one suffix that names the resource's own representation, or null when none does.</param>
    /// <param name="representation">What the resource is served as, for the problem.</param>
    public static IResult? RefuseOtherSuffix(HttpContext context, string? suffix, string representation)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(SuffixItem, out var value) && value is string asked && asked != suffix
            ? Problems.Result(StatusCodes.Status406NotAcceptable, "Format not available", $"This resource is served as {representation}, not '.{asked}'.")
            : null;
    }

    /// <summary>How a problem names the JSON representation.</summary>
    private const string JsonOnly = "JSON (.json, application/json)";

    /// <summary>The 406 answer for a resource served as JSON, or JSON and CSV (a download has its own type).</summary>
    public static IResult NotAcceptable(string asked, bool csv) =>
        Problems.Result(StatusCodes.Status406NotAcceptable, "Format not available",
            $"This resource is served as {(csv ? JsonOnly + " or CSV (.csv, text/csv)" : JsonOnly)}, not {asked}.");

    /// <summary>
    /// The quality the client gave a media type: the most specific matching range wins, as RFC 9110 says. A type with the
    /// structured syntax suffix <paramref name="suffix"/> (<c>application/ld+json</c>, RFC 6839) is read by a parser of
    /// that syntax, so accepting one counts for the media type too, above a range such as <c>application/*</c>; refusing
    /// one (q=0) refuses only that type, not the media type, which the other ranges then judge.
    /// </summary>
    private static double Quality(IList<MediaTypeHeaderValue> accept, string type, string subtype, string? suffix)
    {
        var best = (Specificity: -1, Quality: 0.0);
        foreach (var range in accept)
        {
            var specificity =
                range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 3
                : range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.SubType == "*" ? 1
                : range.Type == "*" && range.SubType == "*" ? 0
                : -1;
            if (specificity > best.Specificity)
            {
                best = (specificity, range.Quality ?? 1.0);
            }
        }

        var bySuffix = suffix is null
            ? 0
            : accept.Where(range => range.Suffix.Equals(suffix, StringComparison.OrdinalIgnoreCase)).Select(range => range.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        // Only the exact type's own range outranks an accepted suffix type.
        return bySuffix > 0 && best.Specificity < 3 ? bySuffix : best.Quality;
    }
}
