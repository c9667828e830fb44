using Npgsql;
using Registers.Server.Hosting;

namespace Registers.Server.Database;

/// <summary>
/// The first hosted service: holds start-up until the database accepts connections, so the schema,
/// seeding and requests that follow never meet a cluster still starting. A database that cannot be
/// reached stops the start here, with a message that names it and its setting.
/// </summary>
internal sealed class DatabaseReadiness(RegisterDatabase database, NpgsqlDataSource pool) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Through the server's own pool: the connection opened here is the one the schema check takes next.
            await database.Ready.WaitAsync(cancellationToken);
            await using var connection = await pool.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new StartupException($"Cannot use {database.Description}: {Reason(failure)}", failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // "Failed to connect to 127.0.0.1:5399" alone hides why: the socket's refusal or the name lookup says it.
    private static string Reason(Exception failure) =>
        failure is NpgsqlException { InnerException: System.Net.Sockets.SocketException socket } and not PostgresException
            ? $"{failure.Message}: {socket.Message}"
            : failure.Message;
}
