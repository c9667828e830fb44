using System.Globalization;
using Microsoft.Net.Http.Headers;
using Registers.Server.Hosting;
using Registers.Server.Signatures;

namespace Registers.Server.Writes;

/// <summary>What a write's request says about itself beyond its body: who signed it, its idempotency key, the size it extends.</summary>
internal static class WriteHeaders
{
    private const int MaxIdempotencyKeyLength = 128;
    private const string SizeTagPrefix = "\"size-";

    // Sent empty, a header is a client's mistake (a variable left unset): taken as absent, the write it was to guard
    // would be applied unguarded.
    private const string Empty = "is empty: send a value, or leave the header out";

    // A write's one precondition is If-Match: another, dropped unseen, had the write applied unguarded though its sender asked
    // for it only on a condition.
    private static readonly string[] UntakenPreconditions = [HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.IfUnmodifiedSince, HeaderNames.IfRange];

    /// <summary>The write's provenance and preconditions, or a 400 problem naming the bad header.</summary>
    public static bool TryRead(HttpContext context, RulePolicy policy, out WriteRequest write, out IResult problem)
    {
        write = new WriteRequest([], [], policy, context.Features.Get<SignedWrite>(),
            ByAdmin: context.User.HasClaim(RequestSignatureHandler.RoleClaim, RequestSignatureHandler.AdminRole));
        problem = Results.Empty;
        if (UntakenPreconditions.FirstOrDefault(context.Request.Headers.ContainsKey) is { } untaken)
        {
            problem = Bad(untaken, "is not taken by a write, whose one precondition is If-Match: \"size-<entries>\"; nothing was written");
            return false;
        }

        var keys = context.Request.Headers["Idempotency-Key"];
        var key = keys.ToString();
        if (keys.Count > 0)
        {
            // Repeated header lines reach here joined with commas ("a,b"): taken as one key, the write would be kept
            // under a key its sender never named, and a retry sending either key alone would be applied again.
            if (keys.Count > 1 || key.Contains(','))
            {
                problem = Bad("Idempotency-Key", keys.Count > 1
                    ? $"must be sent once, with one key: this request sends it on {keys.Count} lines"
                    : "must carry one key, and a key holds no comma: this request sends a list");
                return false;
            }

            if (key.Length == 0)
            {
                problem = Bad("Idempotency-Key", Empty);
                return false;
            }

            if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
            {
                problem = Bad("Idempotency-Key", $"must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces or commas");
                return false;
            }

            write = write with { IdempotencyKey = key };
        }

        var match = context.Request.Headers.IfMatch.ToString();
        if (match.Length == 0 && context.Request.Headers.ContainsKey(HeaderNames.IfMatch))
        {
            problem = Bad("If-Match", Empty);
            return false;
        }

        if (match.Length > 0)
        {
            // Compared as the tag the server gives out, character for character (RFC 9110 8.8.3.2): read as a number,
            // "size-078" matched size 78, a tag no answer ever carried.
            if (!match.StartsWith(SizeTagPrefix, StringComparison.Ordinal) || !match.EndsWith('"') ||
                !long.TryParse(match.AsSpan(SizeTagPrefix.Length, match.Length - SizeTagPrefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || match != SizeTag(size))
            {
                problem = Bad("If-Match", "must be \"size-<entries>\" as the server gives it (the ETag of the user log's checkpoint), the size in digits without leading zeros");
                return false;
            }

            write = write with { ExpectedSize = size };
        }

        return true;
    }

    private static string SizeTag(long size) => $"{SizeTagPrefix}{size.ToString(CultureInfo.InvariantCulture)}\"";

    private static IResult Bad(string header, string rule) =>
        Problems.Result(StatusCodes.Status400BadRequest, "Invalid header", $"Header '{header}' {rule}.", new Dictionary<string, object?> { ["parameter"] = header });
}
