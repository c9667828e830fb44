namespace Registers.Server.Database;

/// <summary>
/// The first hosted service: holds start-up until the database accepts connections, so the schema,
/// seeding and requests that follow never meet a cluster still starting.
/// </summary>
internal sealed class DatabaseReadiness(RegisterDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.Ready.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
