using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Support;

/// <summary>A server of each test's own with the register <c>country</c> created and empty, for tests of what a write leaves written.</summary>
public abstract class EmptyCountryRegister(PostgresCluster cluster) : IAsyncLifetime
{
    /// <summary>The test's server.</summary>
    protected RunningServer Server { get; private set; } = null!;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Server = await RunningServer.StartAsync(cluster);
        (await Server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
