using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using Registers.Server.Storage;

namespace Registers.Server.Hosting;

/// <summary>
/// Runs a read again when it failed on a connection the database dropped, before anything of its answer was sent. After
/// PostgreSQL restarts, every connection the pools kept (and each lookup reader's own) is to the stopped server, and
/// each one fails its first statement; without this, that many readers would be told 503 by a database that is back.
/// The pools are emptied first (<see cref="DroppedConnectionPurge"/>), so later runs (and later requests) mostly connect
/// afresh; each run that meets a dropped connection all the same discards it, so a read runs again until it has met as
/// many as there can be (<see cref="DroppedConnectionPurge.MostDropped"/>). A write is never run twice: it carries an
/// Idempotency-Key for its client to repeat it with.
/// </summary>
internal sealed class ReadAgainOnFreshConnection(RequestDelegate next, DroppedConnectionPurge purge, IServiceScopeFactory scopes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        for (var run = 1; ; run++)
        {
            long failedAt;
            try
            {
                await (run == 1 ? next(context) : RunInFreshScopeAsync(context));
                return;
            }
            catch (Exception failure) when (run <= purge.MostDropped && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                            && IsDroppedConnection(failure))
            {
                failedAt = Stopwatch.GetTimestamp();
            }

            await purge.AfterAsync(failedAt, context.RequestAborted);
            context.Response.Clear();
        }
    }

    /// <summary>
    /// Whether <paramref name="failure"/> is a statement sent on a connection the database had dropped: a broken socket, or
    /// the server's own word that it shut down. Not a timeout, a full pool or too many connections, which another run
    /// would only meet again, nor a database that cannot be reached, which a 503 tells.
    /// </summary>
    internal static bool IsDroppedConnection(Exception failure)
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException:
                    return false;
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown;
                case SocketException socket:
                    return socket.SocketErrorCode != SocketError.ConnectionRefused; // refused: nothing listens, the database is down
                case IOException when current.InnerException is null:
                    return true; // the server closed the connection: the end of the stream
            }
        }

        return false;
    }

    // The first run's scoped services stay with the connection that failed.
    private async Task RunInFreshScopeAsync(HttpContext context)
    {
        var firstRun = context.RequestServices;
        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestServices = firstRun;
        }
    }
}
