using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A server published below a path by a reverse proxy that takes the path off and names it in <c>X-Forwarded-Prefix</c>:
/// every command reaches it at <c>--server https://example.org/registers-api</c>, with or without a trailing slash, writes
/// included (their signatures cover the path the command sent to).
/// </summary>
public sealed class PublishedBelowAPathTests(PostgresCluster cluster)
{
    private const string Prefix = "/registers-api";

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Every_command_reads_and_writes_through_a_proxy_that_publishes_the_server_below_a_path(string trailing)
    {
        await using var server = await LiveServer.StartAsync(cluster);
        await using var proxy = await PathPrefixProxy.StartAsync(server.Process!.Address, Prefix, forwardsPrefix: true);
        var at = proxy.Published + trailing;
        var aliceKey = Path.Combine(server.Folder.Path, "alice.key");
        var alice = RegistersCli.Run(RegistersCli.Sockets(server.Folder.Path), "keygen", "custodian.example/alice", "--out", aliceKey).Out.Trim();
        var csv = server.Folder.File("schools.csv", "school,name,start-date\n100002,York School,1990-09-01\n");
        CliRun Run(string? key, params string[] args) => server.RunAt(at, key, args);

        var runs = new List<CliRun>
        {
            Run(null, "create", server.Folder.File("school.json", Custodian.Definition)),
            Run(null, "custodian-key", "allow", "-r", "school", alice),
            Run(aliceKey, "append", "-r", "school", "100001", "name=Leeds School", "start-date=1990-09-01"),
            Run(aliceKey, "import", "-r", "school", csv),
            Run(null, "load", "-r", "country", Checkout.PathOf("registers-data", "country", "country.rsf")),
            Run(null, "custodian-key", "revoke", "-r", "school", alice),
        };
        var logKey = PinnedLogKey(server);
        var status = Run(null, "status", "-r", "school");
        var verified = Run(null, "verify-record", "-r", "school", "--key-file", logKey, "100002");
        runs.AddRange(
            status,
            verified,
            Run(null, "audit", "follow", "--once", "-r", "school", "--key-file", logKey, "--state", Path.Combine(server.Folder.Path, "audit")),
            Run(null, "audit", "full", "-r", "school", "--key-file", logKey),
            Run(null, "mirror", "-r", "country", "--key-file", logKey, Path.Combine(server.Folder.Path, "country.rsf")));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Contains($"server: {proxy.Published}/\nsize: 2\n", status.Out, StringComparison.Ordinal);
        Assert.Contains("verified against checkpoint 2 ", verified.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_with_a_path_the_server_is_not_published_below_is_a_wrong_address_not_a_missing_register()
    {
        // Once "no register 'country'", exit 1: the server's 404 for a path it never serves read as one for a register.
        await using var server = await LiveServer.StartAsync(cluster);
        var at = server.Address.TrimEnd('/') + Prefix;

        foreach (var args in new[] { new[] { "status", "-r", "country" }, ["append", "-r", "country", "GB", "name=Britain"] })
        {
            var run = server.RunAt(at, null, args);

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains($"a register server, serving nothing at {Prefix}/registers/country/", run.Error, StringComparison.Ordinal);
            Assert.EndsWith("): check the server's address\n", run.Error, StringComparison.Ordinal);
        }
    }

    private static string PinnedLogKey(LiveServer server)
    {
        using var key = SignerKey.Parse(File.ReadAllText(Path.Combine(server.DataDirectory, "log-key")).Trim());
        return server.Folder.File("log-key.pub", key.VerifierKey + "\n");
    }
}
