using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Registers.Server.Hosting;
using Registers.Server.Writes;

namespace Registers.Server.Signatures;

/// <summary>Wires who may write: signed requests, the two write policies, per-key rate limits, and the problems they answer with.</summary>
internal static class WriteSecurity
{
    /// <summary>The rate-limiting policy of write endpoints.</summary>
    public const string RateLimit = "writes";

    public static IServiceCollection AddWriteSecurity(this IServiceCollection services, ServerOptions options, ILogger logger)
    {
        services.AddSingleton(AdminKey.FromOptions(options, logger));
        services.AddSingleton<CustodianKeyStore>();
        services.AddSingleton<ReplayGuard>();
        services.AddSingleton<ServerStart>();
        services.AddHostedService(provider => provider.GetRequiredService<ServerStart>());
        services.AddSingleton<LatestAcceptedCreated>();
        services.AddHostedService(provider => provider.GetRequiredService<LatestAcceptedCreated>()); // after storage, whose schema it reads
        services.AddAuthentication(RequestSignatureHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, RequestSignatureHandler>(RequestSignatureHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy.Admin, policy => policy.RequireClaim(RequestSignatureHandler.RoleClaim, RequestSignatureHandler.AdminRole))
            .AddPolicy(WritePolicy.Name, policy => policy.RequireAssertion(context =>
                context.User.HasClaim(RequestSignatureHandler.RoleClaim, RequestSignatureHandler.AdminRole) ||
                (context.Resource is HttpContext http && http.GetRouteValue("name") is string register &&
                 context.User.HasClaim(RequestSignatureHandler.RegisterClaim, register))));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue(RequestSignatureHandler.KeyIdClaim) ?? "unsigned",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.WritesPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = async (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many writes",
                    $"This key may make {options.WritesPerMinute} writes a minute; try again in {Math.Ceiling(wait.TotalSeconds)} s.");
            };
        });
        services.AddExceptionHandler<WriteExceptionHandler>();
        return services;
    }

    public static WebApplication UseWriteSecurity(this WebApplication app, ServerOptions options)
    {
        // JSON writes are bounded by the configured size; RSF loads set their own (larger) limit.
        app.Use((context, next) =>
        {
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = options.MaxBodyBytes;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseContentCodingCheck();
        app.UseBodyMediaTypeCheck();
        app.UseUntakenWriteQueryCheck();
        app.UseBodyNestingCheck();
        return app;
    }

    /// <summary>
    /// Failures found while a body streams in: a body that does not match its signed digest, one too large, or one that would
    /// take its key past the JSON write bytes it may have arriving at once.
    /// </summary>
    private sealed class WriteExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            switch (exception)
            {
                case BodyDigestMismatchException mismatch:
                    await Problems.Write(httpContext, StatusCodes.Status401Unauthorized, "Body does not match its signature", mismatch.Message);
                    return true;
                case TooManyBodyBytesException tooMany:
                    httpContext.Response.Headers.RetryAfter = BodyBytesPerKey.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    await Problems.Write(httpContext, StatusCodes.Status429TooManyRequests, TooManyBodyBytesException.Title, tooMany.Message);
                    return true;
                case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge:
                    await Problems.Write(httpContext, StatusCodes.Status413PayloadTooLarge, "Request too large", tooLarge.Message);
                    return true;
                default:
                    return false;
            }
        }
    }
}
