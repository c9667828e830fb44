using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Registers.Server.Database;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>The private cluster's owner is disposed by the host, and may be again by code that stops a failed start: the second time waits for the first's stop.</summary>
public sealed class RegisterDatabaseDisposalTests
{
    [Fact]
    public async Task Disposing_again_waits_for_the_one_stop_of_the_private_cluster_and_returns()
    {
        var folder = ServerExit.NewDataDirectory();
        try
        {
            var options = new ServerOptions { DataDirectory = folder };
            var database = RegisterDatabase.Resolve(new ConfigurationBuilder().Build(), options, NullLogger.Instance, TestContext.Current.CancellationToken);
            await database.Ready;

            var first = database.DisposeAsync().AsTask();
            var second = database.DisposeAsync().AsTask(); // while the first is stopping: done only once the cluster is
            await second.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            Assert.False(await database.Embedded!.IsRunningAsync(TestContext.Current.CancellationToken));
            await first;
            await database.DisposeAsync(); // and after it
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
