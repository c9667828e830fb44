using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Registers.Server.Database;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>The private cluster's owner is disposed by the host, and may be again by code that stops a failed start: the second time is nothing.</summary>
public sealed class RegisterDatabaseDisposalTests
{
    [Fact]
    public async Task Disposing_twice_stops_the_private_cluster_once_and_returns()
    {
        var folder = ServerExit.NewDataDirectory();
        try
        {
            var options = new ServerOptions { DataDirectory = folder };
            var database = RegisterDatabase.Resolve(new ConfigurationBuilder().Build(), options, NullLogger.Instance, TestContext.Current.CancellationToken);
            await database.Ready;

            await database.DisposeAsync();
            await database.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            Assert.False(await database.Embedded!.IsRunningAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
