using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Registers.Server.Hosting;

/// <summary>
/// The administrator's bearer token: configured, or generated on first start into a file only the
/// owner can read, where the <c>registers</c> command on the same machine picks it up.
/// </summary>
public sealed class AdminToken(string value)
{
    /// <summary>The authentication scheme that accepts the token.</summary>
    public const string Scheme = "AdminToken";

    /// <summary>Reads the token from configuration or its file, generating the file if absent.</summary>
    public static AdminToken FromOptions(ServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.AdminToken))
        {
            return new AdminToken(options.AdminToken);
        }

        var (token, created) = SecretFile.ReadOrCreate(options.AdminTokenPath, () => Base64Url(RandomNumberGenerator.GetBytes(32)));
        if (created)
        {
            logger.LogInformation("Generated an admin token in {File} (readable only by its owner)", options.AdminTokenPath);
        }

        return new AdminToken(token);
    }

    /// <summary>Whether <paramref name="presented"/> is the token, compared in constant time.</summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates <c>Authorization: Bearer &lt;admin token&gt;</c>.</summary>
internal sealed class AdminTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(header[Bearer.Length..].Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not the admin token."));
        }

        var identity = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("role", "admin")], AdminToken.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), AdminToken.Scheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Writes need a credential: send 'Authorization: Bearer <admin token>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed", "This credential may not make this write.");
}
