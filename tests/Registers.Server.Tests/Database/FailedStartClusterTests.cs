using System.Net;
using System.Net.Sockets;
using Registers.Server.Tests.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

public sealed class FailedStartClusterTests
{
    [Fact]
    public async Task A_start_that_fails_after_starting_the_private_cluster_stops_it()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var folder = ServerExit.NewDataDirectory();
        try
        {
            // No connection string: the server starts a private cluster in the data folder, then cannot listen.
            var outcome = await ServerExit.RunAsync($"--Registers:DataDirectory={folder}", $"--urls=http://127.0.0.1:{port}");

            FailedStartTests.AssertOneLineFailure(outcome, "already in use");
            Assert.True(File.Exists(Path.Combine(folder, "postgres", "PG_VERSION")), "the private cluster was made");
            Assert.False(File.Exists(Path.Combine(folder, "postgres", "postmaster.pid")), "the private cluster was left running");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
