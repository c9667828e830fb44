using Registers.Cli.Tests.Support;
using Registers.Generator;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

public sealed class GrowingLoadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_longer_version_of_a_loaded_file_sends_only_its_new_entries_even_after_custodian_keys_were_added()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var first = Path.Combine(server.Folder.Path, "school-3000.rsf");
        var longer = Path.Combine(server.Folder.Path, "school-5000.rsf");
        SchoolRegister.Write(first, 3_000);
        SchoolRegister.Write(longer, 5_000);
        using var alice = SignerKey.Generate("custodian.example/alice");

        var loaded = server.Run(null, "load", "-r", "school", first);
        var allowed = server.Run(null, "custodian-key", "allow", "-r", "school", alice.VerifierKey.ToString());
        var again = server.Run(null, "load", "-r", "school", first);
        var grown = server.Run(null, "load", "-r", "school", longer);
        var status = server.Run(null, "status", "-r", "school");

        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("sent: 0\n", again.Out, StringComparison.Ordinal);
        Assert.True(grown.ExitCode == 0, grown.ToString());
        Assert.Contains("sent: 2000\n", grown.Out, StringComparison.Ordinal);
        Assert.Contains("2,000 entries to send", grown.Error, StringComparison.Ordinal); // the key allowed is the register's, not the file's
        var root = RegistersCli.Run("verify", longer).Out.Split('\n').Single(line => line.StartsWith("root: ", StringComparison.Ordinal));
        Assert.Contains(root + "\n", status.Out, StringComparison.Ordinal);
        Assert.Contains("system size: 8\n", status.Out, StringComparison.Ordinal);
    }
}
