using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Registers.Server.Hosting;

/// <summary>
/// The API reference page's Content-Security-Policy, as tight as Scalar's page works under: its own files from this
/// server, the one inline script it carries (allowed by that script's hash, so no other inline script runs), requests
/// only to this server, and its styles (Scalar sets styles from script, which needs <c>'unsafe-inline'</c> for styles).
/// </summary>
internal static partial class ReferencePagePolicy
{
    /// <summary>Where Scalar serves the page (<c>/scalar/v1</c>) and its files (<c>/scalar/scalar.js</c>).</summary>
    private const string Path = "/scalar";

    private const string Policy =
        "default-src 'none'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Sets the policy on every answer below <c>/scalar</c>; the page itself is held until its inline scripts are hashed.</summary>
    public static IApplicationBuilder UseReferencePagePolicy(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var name = path.Value ?? "";
        if (!path.StartsWithSegments(Path))
        {
            await next(context);
            return;
        }

        // Its files (scalar.js is megabytes) pass through: only the page, a name without a dot, carries inline scripts.
        var response = context.Response;
        if (name.AsSpan(name.LastIndexOf('/') + 1).Contains('.'))
        {
            response.Headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, "");
            await next(context);
            return;
        }

        var body = response.Body;
        using var page = new MemoryStream();
        response.Body = page;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }

        response.Headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, InlineScriptHashes(page.ToArray()));
        page.Position = 0;
        await page.CopyToAsync(body, context.RequestAborted);
    });

    /// <summary>The CSP source of each inline script of <paramref name="html"/>, each with a space before it.</summary>
    private static string InlineScriptHashes(byte[] html) => string.Concat(
        InlineScript().Matches(Encoding.UTF8.GetString(html))
            .Select(script => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups[1].Value)))}'"));

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
