using Registers.Cli.Tests.Audit;
using Registers.Cli.Tests.Support;
using Registers.Client;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A server that was reached but answered a load's or an import's batch too slowly (past the request timeout, or slower
/// than the client's minimum rate) is said to have done that, not to be out of reach; the command still exits 3 and says
/// how to go on. The proxy passes each write on, and holds back or trickles only the server's answer.
/// </summary>
public sealed class SlowWriteAnswerTests(PostgresCluster cluster)
{
    private static Func<string, Misbehaviour?> Writes(Misbehaviour misbehaviour) =>
        target => target.EndsWith("/rsf", StringComparison.Ordinal) || target.EndsWith("/entries", StringComparison.Ordinal) ? misbehaviour : null;

    [Fact]
    public async Task Load_and_import_say_the_server_did_not_answer_in_time()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        proxy.Misbehave = Writes(new Trickle(0, TimeSpan.FromSeconds(1))); // headers, then nothing
        var sockets = RegistersCli.Sockets(audited.Server.Folder.Path);
        var environment = sockets with
        {
            RequestTimeout = TimeSpan.FromSeconds(2),
            ClientOptions = sockets.ClientOptions with { Retries = 0, MinDownloadRate = null },
        };

        var (load, import) = Run(audited, proxy, environment);

        foreach (var run in new[] { load, import })
        {
            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("the server did not answer within 2 s, or its answer stopped coming for that long after ", run.Error, StringComparison.Ordinal);
            Assert.Contains("run the same command again to go on", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("could not be reached", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Load_and_import_say_the_servers_answer_came_too_slowly()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        proxy.Misbehave = Writes(new Trickle(1, TimeSpan.FromMilliseconds(200)));
        var sockets = RegistersCli.Sockets(audited.Server.Folder.Path);
        var environment = sockets with
        {
            RequestTimeout = TimeSpan.FromMinutes(10),
            ClientOptions = sockets.ClientOptions with { Retries = 0, MinDownloadRate = new DownloadRate(1024, TimeSpan.FromSeconds(1)) },
        };

        var (load, import) = Run(audited, proxy, environment);

        foreach (var run in new[] { load, import })
        {
            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("the server's answer came too slowly (", run.Error, StringComparison.Ordinal);
            Assert.Contains("slower than 1,024 bytes in 1 s", run.Error, StringComparison.Ordinal);
            Assert.Contains("run the same command again to go on", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("could not be reached", run.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>Loads a generated register and imports a school into <c>school</c>, both through <paramref name="proxy"/>.</summary>
    private static (CliRun Load, CliRun Import) Run(AuditedServer audited, MisbehavingProxy proxy, Registers.Cli.Config.CliEnvironment environment)
    {
        var folder = audited.Server.Folder;
        var rsf = OneFieldRsf.Write(Path.Combine(folder.Path, "generated.rsf"), "generated", 3);
        var csv = folder.File("schools.csv", "school,name\n100002,School 100002\n");
        string[] server = ["--server", proxy.Address, "--key", audited.Server.AdminKeyFile];
        return (RegistersCli.Run(environment, ["load", "-r", "generated", rsf, .. server]),
            RegistersCli.Run(environment, ["import", "-r", "school", csv, .. server]));
    }
}
