using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Registers.Server.Hosting;

/// <summary>
/// A write that waited too long for its register's lock, held by another write to the same register (a long load),
/// is answered 503 "Register busy" with Retry-After: the database is up, and nothing of this write was stored.
/// </summary>
/// <remarks>
/// Marten reports the wait ending at the command timeout as <see cref="StreamLockedException"/> around a timed-out
/// <see cref="NpgsqlException"/>, which is transient and so would otherwise pass for the database being unreachable
/// (<see cref="DatabaseUnavailable"/>); a lock_timeout, if one is configured, ends it as PostgreSQL's 55P03.
/// </remarks>
internal sealed partial class RegisterBusy(ILogger<RegisterBusy> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait; the write holding the lock may be a load of any size.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Whether <paramref name="exception"/> is a write giving up waiting for its register's lock.</summary>
    public static bool Explains(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is StreamLockedException or PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable })
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!Explains(exception))
        {
            return false;
        }

        LogBusy(logger, httpContext.Request.Method, httpContext.Request.Path);
        await Problems.WriteRetryLater(httpContext, RetryAfterSeconds, "Register busy",
            "Another write to this register holds its lock and did not let go in time; nothing of this write was stored. " +
            $"Try again in {RetryAfterSeconds} s (with the same Idempotency-Key, if it has one).");
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: another write held the register's lock too long")]
    private static partial void LogBusy(ILogger logger, string method, string path);
}
