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

    [Fact]
    public async Task A_private_cluster_that_could_not_start_is_named_with_its_setting_and_not_stopped_again()
    {
        // As root the cluster runs as the postgres user, which cannot enter a folder only root may open.
        if (!Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
        {
            Assert.Skip("only root runs the cluster as another user");
            return;
        }

        var closed = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var outcome = await ServerExit.RunAsync($"--Registers:DataDirectory={Path.Combine(closed, "data")}", "--urls=http://127.0.0.1:0");

            FailedStartTests.AssertOneLineFailure(outcome, "Registers:DataDirectory", "cannot reach");
            Assert.DoesNotContain("pg_ctl", outcome.Output, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateDirectories(Path.Combine(closed, "data"), "postgres.new-*"));
        }
        finally
        {
            Directory.Delete(closed, recursive: true);
        }
    }
}
