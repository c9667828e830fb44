using System.Text;
using Registers.Cli.Tests.Support;
using Registers.Cli.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

public sealed class CustodianWritesTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_custodian_key_the_admin_allowed_signs_an_append_that_is_accepted_and_once_revoked_is_refused_with_403()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);
        var aliceKey = Path.Combine(server.Folder.Path, "alice.key");

        var created = server.Run(null, "create", definition);
        var keygen = RegistersCli.Run(RegistersCli.Sockets(server.Folder.Path), "keygen", "custodian.example/alice", "--out", aliceKey);
        var alice = VerifierKey.Parse(keygen.Out.Trim());
        var allowed = server.Run(null, "custodian-key", "allow", "-r", "school", alice.ToString());

        var appended = server.Run(aliceKey, "append", "-r", "school", "100001", "name=Leeds School", "phases=primary", "--definition", definition);
        var status = server.Run(null, "status", "-r", "school");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains($"allowed custodian.example/alice+{alice.KeyId:x8}: system entry ", allowed.Out, StringComparison.Ordinal);
        Assert.True(appended.ExitCode == 0, appended.ToString());
        Assert.Contains("entry: 1\n", appended.Out, StringComparison.Ordinal);
        Assert.Contains("size: 1\n", status.Out, StringComparison.Ordinal);
        Assert.Contains("checkpoint:\n  registers.test/registers/school\n  1\n", status.Out, StringComparison.Ordinal);

        var revocation = server.Run(null, "custodian-key", "revoke", "-r", "school", $"custodian.example/alice+{alice.KeyId:x8}");
        var revoked = server.Run(aliceKey, "append", "-r", "school", "100002", "name=York School");
        var notAdmin = server.Run(aliceKey, "custodian-key", "allow", "-r", "school", alice.ToString());

        Assert.True(revocation.ExitCode == 0, revocation.ToString());
        Assert.Equal(1, notAdmin.ExitCode);
        Assert.True(revoked.ExitCode == 1, revoked.ToString());
        Assert.Contains("the server refused: 403", revoked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_with_bad_rows_leaves_the_register_empty_and_a_good_one_lands_in_batches()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);
        var bad = server.Folder.File("bad.csv", "school,name,start-date\n100001,Leeds School,1990-09-01\n100002,York School,not-a-date\n");
        var good = server.Folder.File("good.csv", "school,name,start-date\n" + string.Concat(Enumerable.Range(1, 250).Select(n => $"{100000 + n},School {n},1990-09-01\n")));
        Assert.Equal(0, server.Run(null, "create", definition).ExitCode);

        // Checked against the fields the server has for the register, then against a definition file: the same verdict.
        var refused = server.Run(null, "import", "-r", "school", bad);
        var refusedByFile = server.Run(null, "import", "-r", "school", "--definition", definition, bad);
        var emptyStatus = server.Run(null, "status", "-r", "school");
        var imported = server.Run(null, "import", "-r", "school", "--batch-size", "100", good);
        var again = server.Run(null, "import", "-r", "school", "--definition", definition, "--batch-size", "100", good);

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("line 3, field 'start-date': start-date: 'not-a-date' is not a valid datetime: ", refused.Out, StringComparison.Ordinal);
        Assert.Equal(refused.Out, refusedByFile.Out);
        Assert.Equal(1, server.Run(null, "import", "-r", "no-such-register", good).ExitCode);
        Assert.Contains("size: 0\n", emptyStatus.Out, StringComparison.Ordinal);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("size: 250\n", imported.Out, StringComparison.Ordinal);
        Assert.Contains("resuming: 3 batches were sent before; 0 to send", again.Error, StringComparison.Ordinal);
        Assert.Contains("size: 250\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_resumes_past_its_own_batches_only_not_past_a_co_custodians_write_under_the_same_key()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);
        var csv = "school,name,start-date\n100001,Leeds School,1990-09-01\n100002,York School,1990-09-01\n";
        var file = server.Folder.File("schools.csv", csv);
        Assert.Equal(0, server.Run(null, "create", definition).ExitCode);
        var keys = AllowCustodians(server, "alice", "bob");

        // Bob, a custodian too, works out the key of the import's one batch (anyone with the file can) and takes it first.
        var batchKey = BatchKeys.Of("csv", "school", BatchKeys.FileDigest(Encoding.UTF8.GetBytes(csv)), [0], 2);
        var bobs = server.Run(keys["bob"], "append", "-r", "school", "100003", "name=Bob's School", "start-date=1990-09-01", "--idempotency-key", batchKey);
        var imported = server.Run(keys["alice"], "import", "-r", "school", "--batch-size", "100", file);
        var again = server.Run(keys["alice"], "import", "-r", "school", "--batch-size", "100", file);

        Assert.True(bobs.ExitCode == 0, bobs.ToString());
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.DoesNotContain("resuming", imported.Error, StringComparison.Ordinal);
        Assert.Contains("size: 3\n", imported.Out, StringComparison.Ordinal);
        Assert.Contains("resuming: 1 batch was sent before; 0 to send", again.Error, StringComparison.Ordinal);
        Assert.Contains("size: 3\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_run_again_with_another_key_skips_the_batches_the_first_key_wrote_and_appends_nothing_twice()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);
        var file = server.Folder.File("schools.csv", "school,name,start-date\n100001,Leeds School,1990-09-01\n100002,York School,1990-09-01\n");
        Assert.Equal(0, server.Run(null, "create", definition).ExitCode);
        var keys = AllowCustodians(server, "alice", "bob");

        var alices = server.Run(keys["alice"], "import", "-r", "school", "--batch-size", "1", file);
        var bobs = server.Run(keys["bob"], "import", "-r", "school", "--batch-size", "1", file);

        Assert.True(alices.ExitCode == 0, alices.ToString());
        Assert.True(bobs.ExitCode == 0, bobs.ToString());
        Assert.Contains("resuming: 2 batches were sent before (2 of them under another key); 0 to send", bobs.Error, StringComparison.Ordinal);
        Assert.Contains("size: 2\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }

    /// <summary>Makes a key for each of <paramref name="names"/> and lets it write "school"; the key files by name.</summary>
    private static Dictionary<string, string> AllowCustodians(LiveServer server, params string[] names)
    {
        var keys = new Dictionary<string, string>();
        foreach (var name in names)
        {
            keys[name] = Path.Combine(server.Folder.Path, name + ".key");
            var keygen = RegistersCli.Run(RegistersCli.Sockets(server.Folder.Path), "keygen", $"custodian.example/{name}", "--out", keys[name]);
            Assert.Equal(0, server.Run(null, "custodian-key", "allow", "-r", "school", keygen.Out.Trim()).ExitCode);
        }

        return keys;
    }
}
