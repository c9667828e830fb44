using System.Globalization;
using System.Text.RegularExpressions;

namespace Registers.Server.Hosting;

/// <summary>
/// Rewrites the 400 problem Wolverine writes when a JSON body cannot be read. Its detail is System.Text.Json's message,
/// which names the .NET type the body was read into ("could not be converted to System.Collections.Generic...") and
/// talks of reader options; this says instead, in the client's terms, whether the body is not JSON at all or JSON of
/// another shape or nested too deep, where (line and byte, and the JSON path of the value), and where the expected shape is described.
/// </summary>
public static partial class UnreadableJson
{
    // The members Wolverine adds to the problem of a JsonException: they mark it, and are not in the server's style.
    private const string LineMember = "lineNumber";
    private const string PositionMember = "bytePositionInLine";

    /// <summary>The types Wolverine reads the JSON bodies of writes into; it logs a body it cannot read under the type's name.</summary>
    private static readonly Type[] Bodies = [typeof(Writes.AppendRequest), typeof(Registers.RegisterDefinition), typeof(Signatures.CustodianKeyRequest)];

    /// <summary>
    /// Keeps out of the logs the error, with its stack trace, that Wolverine logs for every body it cannot read: the body
    /// is the client's mistake, answered with a 400 that says what is wrong, and no fault of the server's.
    /// </summary>
    public static void KeepOutOfErrorLog(ILoggingBuilder logging)
    {
        foreach (var body in Bodies)
        {
            logging.AddFilter(body.FullName, LogLevel.Critical);
        }
    }

    /// <summary>Rewrites <paramref name="context"/>'s problem if it is Wolverine's unreadable-JSON problem; false if it is not.</summary>
    public static bool TryRewrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status400BadRequest
            || !problem.Extensions.TryGetValue(LineMember, out var line) || !problem.Extensions.TryGetValue(PositionMember, out var position))
        {
            return false;
        }

        var request = context.HttpContext.Request;
        var where = $"line {Number(line) + 1}, byte {Number(position) + 1}";
        var message = problem.Detail ?? "";
        var path = SuffixPattern().Match(message) is { Success: true } suffix && suffix.Groups["path"].Value is { Length: > 1 and <= 200 } jsonPath
            ? jsonPath
            : null;
        var endpoint = $"{request.Method} {RegisterAddressing.OriginalPath(context.HttpContext)}";

        // System.Text.Json's one message for a value it cannot read as the type it wants, and its one for a member given
        // twice; every other one is about the syntax.
        if (DepthPattern().IsMatch(message))
        {
            // Found first by Writes.BodyNestingCheck, whose problem this is; said the same should the reader find it.
            problem.Title = Writes.BodyNestingCheck.Title;
            problem.Detail = Writes.BodyNestingCheck.Detail(context.HttpContext, Number(line) + 1, Number(position) + 1);
            problem.Extensions[Writes.BodyNestingCheck.MaxDepthMember] = Writes.BodyNestingCheck.MaxDepth;
        }
        else if (DuplicatePattern().Match(message) is { Success: true } duplicate)
        {
            problem.Title = "Member given twice";
            problem.Detail = $"The body gives the member '{duplicate.Groups["name"].Value}' more than once{(path is null ? "" : $", at {path}")} ({where}): "
                + $"give each member once, so that nothing is taken otherwise than meant. {endpoint}'s body is described in /openapi/v1.json.";
        }
        else if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            problem.Title = "Body is not of the expected shape";
            problem.Detail = path is null
                ? $"The body is JSON, but not the shape {endpoint} takes ({where}): it takes an object; /openapi/v1.json describes it."
                : $"The body is JSON, but not the shape {endpoint} takes: the value at {path} ({where}) is not of the type that member takes; /openapi/v1.json describes the body.";
        }
        else
        {
            problem.Title = "Body is not valid JSON";
            problem.Detail = $"The body is not valid JSON: {where}{(path is null ? "" : $", in {path}")}. {endpoint} takes a JSON object; /openapi/v1.json describes it.";
        }

        problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
        problem.Instance = null;
        problem.Extensions.Remove(LineMember);
        problem.Extensions.Remove(PositionMember);
        return true;
    }

    /// <summary>
    /// The problem of a body that is the JSON <c>null</c>: System.Text.Json reads it as no object at all, which an endpoint
    /// must answer itself (it would otherwise fail on the missing object), as it answers any other body of the wrong shape.
    /// </summary>
    public static IResult NullBody(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = $"{context.Request.Method} {RegisterAddressing.OriginalPath(context)}";
        return Problems.Result(StatusCodes.Status400BadRequest, "Body is not of the expected shape",
            $"The body is JSON, but not the shape {endpoint} takes: it is null, and {endpoint} takes a JSON object; /openapi/v1.json describes it.");
    }

    private static long Number(object? value) =>
        value is IConvertible convertible ? convertible.ToInt64(CultureInfo.InvariantCulture) : 0;

    /// <summary>System.Text.Json's messages for a body nested past the reader's maximum depth, which they name.</summary>
    [GeneratedRegex(@"(?:maximum configured depth|maximum allowed depth) of \d{1,9}")]
    private static partial Regex DepthPattern();

    /// <summary>System.Text.Json's message for a member given twice, when duplicates are not allowed.</summary>
    [GeneratedRegex(@"^Duplicate property '(?<name>[^']{1,200})'")]
    private static partial Regex DuplicatePattern();

    /// <summary>The end System.Text.Json gives every message: the JSON path of the value being read, and where it is.</summary>
    [GeneratedRegex(@"Path: (?<path>\$.*?) \| LineNumber: \d+ \| BytePositionInLine: \d+\.$")]
    private static partial Regex SuffixPattern();
}
