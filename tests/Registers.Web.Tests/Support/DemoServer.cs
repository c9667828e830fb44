using Registers.Generator.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Web.Tests.Support;

/// <summary>
/// The real server on a database of its own, seeded on first start with the registers the project ships. One is shared
/// by the tests that only read (the <see cref="DemoCollection"/>); a test that alters the database takes a <see cref="TamperedServer"/> of its own.
/// </summary>
public class DemoServer(PostgresCluster cluster) : IAsyncLifetime
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

/// <summary>A demo server of its own for tests that alter its database.</summary>
public sealed class TamperedServer(PostgresCluster cluster) : DemoServer(cluster);

/// <summary>The test classes that share one <see cref="DemoServer"/>, because they only read from it.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoServer>
{
    public const string Name = "demo server";
}
