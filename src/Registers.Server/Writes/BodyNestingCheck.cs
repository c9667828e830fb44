using System.Buffers;
using Registers.Protocol.Json;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// Refuses a JSON write's body nested deeper than <see cref="MaxDepth"/>, before anything reads it: one problem, wherever the
/// nesting is and however large the body. Left to the JSON reader, the answer depended on both: nesting where the body
/// wants an object was "not of the expected shape", and the reader read ahead past some values and not others.
/// </summary>
internal static class BodyNestingCheck
{
    /// <summary>The most nested arrays and objects a JSON write's body may have, counting the body's own object; the JSON reader's limit too.</summary>
    public const int MaxDepth = 64;

    /// <summary>The problem member giving <see cref="MaxDepth"/>.</summary>
    public const string MaxDepthMember = "max-depth";

    public const string Title = "Body nested too deep";

    public static IApplicationBuilder UseBodyNestingCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TakesBodyAttribute>()?.MediaType != Representation.JsonMediaType)
        {
            await next(context);
            return;
        }

        // Read through once and rewound: a signed JSON write's body is already held to check its digest.
        context.Request.EnableBuffering();
        var nesting = new JsonNesting(MaxDepth);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while (!nesting.TooDeep && (read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                nesting.Feed(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!nesting.TooDeep)
        {
            context.Request.Body.Position = 0;
            await next(context);
            return;
        }

        await Problems.Write(context, StatusCodes.Status400BadRequest, Title, Detail(context, nesting.Line, nesting.ByteInLine),
            new Dictionary<string, object?> { [MaxDepthMember] = MaxDepth });
    });

    /// <summary>
    /// Says the body is nested too deep, where, and what the limit is: said as it is, as the body may well be valid JSON, and
    /// "not valid" or "not of the expected shape" sent its sender looking for another fault.
    /// </summary>
    public static string Detail(HttpContext context, long line, long byteInLine)
    {
        var endpoint = $"{context.Request.Method} {RegisterAddressing.OriginalPath(context)}";
        return $"Nothing was written: the body nests arrays and objects deeper than {endpoint} reads (line {line}, byte {byteInLine}): "
            + $"a write's body is nested at most {MaxDepth} levels deep, counting its own object. {endpoint}'s body is described in /openapi/v1.json.";
    }
}
