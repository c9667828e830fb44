using Npgsql;
using Registers.Server.Storage;

namespace Registers.Server.Hosting;

/// <summary>
/// Runs a read once more when it failed on a lost database connection, before anything of its answer was sent. After
/// PostgreSQL restarts, every connection the pools kept is to the stopped server, and each one handed out fails its first
/// statement; without this, that many readers would be told 503 by a database that is back. The pools are emptied first,
/// so the second run (and every later request) connects afresh. A write is never run twice: it carries an Idempotency-Key
/// for its client to repeat it with.
/// </summary>
internal sealed class ReadAgainOnFreshConnection(RequestDelegate next, NpgsqlDataSource writes, ReadDatabase reads, IServiceScopeFactory scopes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception failure) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                        && DatabaseUnavailable.ConnectionLost(failure) is not null)
        {
            writes.Clear();
            reads.Source.Clear();
            context.Response.Clear();
            await RunInFreshScopeAsync(context); // fails as the first did when the database is still down: a 503
        }
    }

    // The first run's scoped services (its database sessions among them) stay with the connection that failed.
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
