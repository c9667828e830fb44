using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Registers.Client.Problems;

/// <summary>An RFC 9457 problem the server answered with: what went wrong and, for refused entries, each problem.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">The problem's short title, e.g. "Entries refused"; the status's reason phrase when the body is no problem.</param>
/// <param name="Detail">A sentence about this occurrence, when the server gave one.</param>
/// <param name="Errors">The <c>errors</c> list (empty when the server gave none): what is wrong, entry by entry or field by field.</param>
/// <param name="RetryAfter">
/// How long to wait before trying again, from the answer's <c>Retry-After</c> header when it had one (the server sends
/// one with 429, and with 503 while its database cannot be reached).
/// </param>
public sealed record RegistersProblem(HttpStatusCode Status, string Title, string? Detail, IReadOnlyList<ProblemError> Errors, TimeSpan? RetryAfter = null)
{
    /// <summary>The most of a body that is no problem kept as its detail, in characters.</summary>
    private const int MaxPlainDetail = 200;

    /// <summary>
    /// Whether the body was RFC 9457 problem details, as every refusal of a register server is; false for another body (a
    /// proxy's error page) or none.
    /// </summary>
    public bool IsProblemDetails { get; init; }

    /// <summary>
    /// The path, when the server said it serves nothing there (a 404 no endpoint answered, its <c>unserved-path</c>): the
    /// address is wrong, not the register or record asked for.
    /// </summary>
    public string? UnservedPath { get; init; }

    /// <summary>
    /// How many problems refused entries had in all (<c>problem-count</c>), when the server said: <see cref="Errors"/> lists
    /// at most so many of them.
    /// </summary>
    public int? ProblemCount { get; init; }

    /// <summary>The problem's <c>type</c>, a URI reference as served, when the server gave one.</summary>
    public string? Type { get; init; }

    /// <summary>The server's <c>trace-id</c> of the request, when it gave one: what an operator looks the failure up by.</summary>
    public string? TraceId { get; init; }

    /// <summary>"401 Unauthorized: detail", as one line.</summary>
    public override string ToString() => $"{(int)Status} {Title}{(string.IsNullOrEmpty(Detail) ? "" : ": " + Detail)}";

    /// <summary>Reads a problem from a response that is not a success, whatever its body (a non-problem body gives a problem from the status alone).</summary>
    internal static async Task<RegistersProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var title = response.ReasonPhrase ?? response.StatusCode.ToString();
        string? detail = null;
        var isProblem = false;
        string? unservedPath = null;
        string? type = null;
        string? traceId = null;
        int? problemCount = null;
        var errors = new List<ProblemError>();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (body.Length > 0)
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    // Every member is optional, but a writer of problem details gives at least a title or a status.
                    isProblem = json.RootElement.TryGetProperty("title", out _) || json.RootElement.TryGetProperty("status", out _);
                    title = Text(json.RootElement, "title") ?? title;
                    detail = Text(json.RootElement, "detail");
                    unservedPath = Text(json.RootElement, "unserved-path");
                    type = Text(json.RootElement, "type");
                    traceId = Text(json.RootElement, "trace-id");
                    problemCount = json.RootElement.TryGetProperty("problem-count", out var count) && count.TryGetInt32(out var total) ? total : null;
                    if (json.RootElement.TryGetProperty("errors", out var list))
                    {
                        errors.AddRange(ProblemError.ReadAll(list));
                    }
                }
            }
        }
        catch (JsonException)
        {
            detail = PlainDetail(body, response.Content.Headers.ContentType?.MediaType);
        }

        return new RegistersProblem(response.StatusCode, title, detail, errors, RetryAfterOf(response))
        {
            IsProblemDetails = isProblem,
            UnservedPath = unservedPath,
            ProblemCount = problemCount,
            Type = type,
            TraceId = traceId,
        };
    }

    /// <summary>The wait <paramref name="response"/>'s <c>Retry-After</c> asks for, given as seconds or as a date; null without one.</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    /// <summary>
    /// A body that is no problem (a proxy's or another web server's error page) as one line of detail: a web page says
    /// nothing its status does not, and a text is cut short, so a message stays a line.
    /// </summary>
    private static string? PlainDetail(byte[] body, string? mediaType)
    {
        if (mediaType is "text/html" or "application/xhtml+xml")
        {
            return null;
        }

        var text = string.Join(' ', System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 1000)))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxPlainDetail ? text : string.Concat(text.AsSpan(0, MaxPlainDetail), "…");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? ServedString.Of(value) : null;
}

/// <summary>
/// One item of a problem's <c>errors</c> list: a sentence, or an entry problem naming where it is (the entry's position in
/// the batch, or the RSF line), the key, the rule, the field and value.
/// </summary>
/// <param name="Message">A sentence for people.</param>
/// <param name="Json">The item as the server sent it.</param>
public sealed record ProblemError(string Message, JsonElement Json)
{
    /// <summary>The entry's 0-based position in the batch, when the server said.</summary>
    public int? Entry => Number(Json, "entry") is { } entry ? (int)entry : null;

    /// <summary>The RSF line, when the server said.</summary>
    public long? Line => Number(Json, "line");

    /// <summary>The rule broken, when the server said (e.g. <c>datatype</c>).</summary>
    public string? Rule => Property(Json, "rule");

    /// <summary>The field concerned, when the server said.</summary>
    public string? Field => Property(Json, "field");

    /// <inheritdoc/>
    public override string ToString() => Message;

    /// <summary>
    /// The message with its place given as <paramref name="where"/> instead of the server's (say, the line of the file a
    /// batch came from rather than the line within the batch).
    /// </summary>
    public string Locate(string where) => Describe(Json, where);

    internal static IEnumerable<ProblemError> ReadAll(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var error in list.EnumerateArray())
        {
            yield return new ProblemError(Describe(error, null), error.Clone());
        }
    }

    private static string Describe(JsonElement error, string? place)
    {
        if (error.ValueKind == JsonValueKind.String)
        {
            return ServedString.Of(error);
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return error.GetRawText();
        }

        var where = place ?? (Number(error, "line") is { } line ? $"line {line}"
            : Number(error, "entry") is { } entry ? $"entry {entry}"
            : null);
        var key = Property(error, "key") is { Length: > 0 } k ? $"key '{k}'" : null;
        var field = Property(error, "field") is { } f ? $"field '{f}'" : null;
        var detail = Property(error, "detail") ?? Property(error, "message") ?? error.GetRawText();
        var rule = Property(error, "rule") is { } r ? $" [{r}]" : "";
        var prefix = string.Join(", ", new[] { where, key, field }.Where(part => part is not null));
        return (prefix.Length > 0 ? prefix + ": " : "") + detail + rule;
    }

    private static string? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? ServedString.Of(value)
            : null;

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
            : value.ValueKind == JsonValueKind.String && long.TryParse(ServedString.Of(value), NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number
            : null
            : null;
}
