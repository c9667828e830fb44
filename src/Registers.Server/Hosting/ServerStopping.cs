using Microsoft.AspNetCore.Diagnostics;

namespace Registers.Server.Hosting;

/// <summary>
/// A request given up because the server is stopping (a load still arriving when SIGTERM came) is answered 503 with
/// Retry-After: nothing of it was stored, and it succeeds when sent again once the server is back. Waited for, such a
/// request held the stop for the host's whole shutdown timeout, past a container runtime's grace, and was then cut off.
/// </summary>
internal sealed partial class ServerStopping(IHostApplicationLifetime lifetime, ILogger<ServerStopping> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait: a server being stopped is usually being restarted.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>How long the answer is left to be read before the connection is closed under the rest of the body.</summary>
    private static readonly TimeSpan LingerBeforeClose = TimeSpan.FromSeconds(1);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not OperationCanceledException || !lifetime.ApplicationStopping.IsCancellationRequested || httpContext.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        LogStopping(logger, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.Headers.Connection = "close"; // nothing more on this connection: the server is going
        await Problems.WriteRetryLater(httpContext, RetryAfterSeconds, "Server stopping",
            $"The server is stopping, and gave up this request before storing any of it. Send it again in {RetryAfterSeconds} s (with the same Idempotency-Key, if it has one).");
        await httpContext.Response.CompleteAsync();

        // Kestrel would otherwise read on to the end of the body the client is still sending, to close the connection
        // cleanly, and hold the stop as long as the client sends. The client is first given a moment to read the answer:
        // the reset that closing with its body unread sends may make its system drop an answer it has not yet read.
        await Task.Delay(LingerBeforeClose, CancellationToken.None);
        httpContext.Abort();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the server is stopping, and the request was still arriving")]
    private static partial void LogStopping(ILogger logger, string method, string path);
}
