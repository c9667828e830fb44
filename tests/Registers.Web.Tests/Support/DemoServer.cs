using Registers.Generator.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Web.Tests.Support;

/// <summary>The real server on a database of its own, seeded on first start with the registers the project ships.</summary>
public sealed class DemoServer(PostgresCluster cluster) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public Uri Address => Server.Address;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => Server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?>
    {
        ["Registers:SeedOnFirstStart"] = "true",
        ["Registers:SeedDirectory"] = ShippedData.Directory,
    });

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
