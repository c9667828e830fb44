using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Support;

/// <summary>A server holding the <c>country</c> register, with one custodian key allowed to write it: a class fixture.</summary>
public sealed class CountryWithCustodian(PostgresCluster cluster) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    /// <summary>The custodian key the admin allowed.</summary>
    public SignerKey Custodian { get; } = SignerKey.Generate("custodian.test/alice");

    public async ValueTask InitializeAsync()
    {
        Server = await RunningServer.StartAsync(cluster);
        (await Server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        (await Server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = Custodian.VerifierKey.ToString() })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Custodian.Dispose();
        await Server.DisposeAsync();
    }
}
