using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Registers.Server.Hosting;

/// <summary>
/// A request that fails because PostgreSQL cannot be reached (stopped, restarting, out of connections) is answered
/// 503 with Retry-After, not 500: nothing is wrong with the request, and the same request succeeds once the
/// database is back (the connection pool reconnects by itself).
/// </summary>
/// <remarks>
/// Some failures do not say it: a session on a connection that broke under it reports "Connection is not open". For
/// those, one query tells: when the database does not answer it either, the failure was the outage's.
/// </remarks>
internal sealed partial class DatabaseUnavailable(ILogger<DatabaseUnavailable> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait; a restarting PostgreSQL is back in a few.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (RegisterBusy.Explains(exception))
        {
            return false; // the database answered: a write held the register's lock too long
        }

        var cause = ConnectionLost(exception) ?? await ProbeAsync(httpContext.RequestServices.GetRequiredService<NpgsqlDataSource>(), cancellationToken);
        if (cause is null)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, cause.Message);
        httpContext.RequestServices.GetRequiredService<Database.RegisterDatabase>().Revive(logger);
        await Problems.WriteRetryLater(httpContext, RetryAfterSeconds, "Database unavailable",
            $"The register database cannot be reached just now; try again in {RetryAfterSeconds} s." + WhatWasStored(httpContext.Request, exception));
        return true;
    }

    /// <summary>What became of the request's write, if it is one: known not stored when it failed before it began.</summary>
    private static string WhatWasStored(HttpRequest request, Exception exception) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? ""
        : exception is NothingStoredException ? " Nothing of this write was stored, so sending it again is safe (with the same Idempotency-Key, if it has one)."
        : " A write answered so may or may not have been stored: repeat it with the same Idempotency-Key, which stores it once.";

    /// <summary>The database failure in <paramref name="exception"/>'s chain that means "not reachable now", if any.</summary>
    internal static Exception? ConnectionLost(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // 08: connection exceptions; 57P01-57P03: shut down, crashed, starting up; 53300: too many connections.
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                     || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                                     || postgres.SqlState == PostgresErrorCodes.TooManyConnections:
                    return postgres;
                case PostgresException:
                    return null;
                case NpgsqlException { IsTransient: true } transient:
                    return transient;
            }
        }

        return null;
    }

    /// <summary>Asks the database for one row; the failure when it cannot answer, null when it answers.</summary>
    private static async Task<Exception?> ProbeAsync(NpgsqlDataSource database, CancellationToken cancellation)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        patience.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(patience.Token);
            return null;
        }
        catch (Exception failure) when (failure is NpgsqlException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            return failure;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database cannot be reached ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
