using System.Net.Http.Json;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// A server whose log key is not the one that signed the stored checkpoints does not start: a lost key file would
/// otherwise be replaced by a new key that every client pinning the old one refuses.
/// </summary>
public sealed class LogKeyContinuityTests(PostgresCluster cluster) : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("registers-log-keys-").FullName;

    public void Dispose() => Directory.Delete(_keys, recursive: true);

    [Fact]
    public async Task A_log_key_file_gone_from_a_database_with_checkpoints_is_refused_and_no_new_key_is_left()
    {
        var keyFile = Path.Combine(_keys, "log-key");
        var database = await SignedRegisterAsync(keyFile);
        File.Delete(keyFile);

        var outcome = await StartAsync(database, keyFile);

        FailedStartTests.AssertOneLineFailure(outcome, "stored checkpoints are signed by the log key registers.test+", keyFile, "Registers:LogKeyFile", "was removed", "put back");
        Assert.False(File.Exists(keyFile));
    }

    [Fact]
    public async Task Another_log_key_for_a_database_with_checkpoints_is_refused_and_kept()
    {
        var keyFile = Path.Combine(_keys, "log-key");
        var database = await SignedRegisterAsync(keyFile);
        using var other = await OtherKeyAsync();
        var otherFile = OtherKeyFile;

        var outcome = await StartAsync(database, otherFile);

        FailedStartTests.AssertOneLineFailure(outcome, "stored checkpoints are signed by the log key registers.test+", $"not by registers.test+{other.VerifierKey.KeyId:x8}", otherFile);
        Assert.True(File.Exists(otherFile));
    }

    [Fact]
    public async Task Another_log_key_starts_when_the_change_is_meant_and_signs_from_then_on()
    {
        var database = await SignedRegisterAsync(Path.Combine(_keys, "log-key"));
        using var other = await OtherKeyAsync();
        var otherFile = OtherKeyFile;

        await using var changed = await ChangeKeyAndAppendAsync(database, otherFile);

        Assert.True(new NoteVerifier(other.VerifierKey).Verify(await changed.Client.GetStringAsync("/registers/country/checkpoint")).IsVerified);
    }

    [Fact]
    public async Task A_key_changed_on_purpose_is_the_logs_from_then_on_and_the_old_one_is_refused()
    {
        var oldKeyFile = Path.Combine(_keys, "log-key");
        var database = await SignedRegisterAsync(oldKeyFile);
        using var other = await OtherKeyAsync();
        var newKeyFile = OtherKeyFile;
        await (await ChangeKeyAndAppendAsync(database, newKeyFile)).DisposeAsync();

        await using (var again = await RunningServer.StartAsync(null, new Dictionary<string, string?> { ["Registers:LogKeyFile"] = newKeyFile }, database))
        {
            Assert.True((await again.Client.GetAsync("/registers/country/checkpoint")).IsSuccessStatusCode);
        }

        var old = await StartAsync(database, oldKeyFile);

        FailedStartTests.AssertOneLineFailure(old, $"signed by the log key registers.test+{other.VerifierKey.KeyId:x8}, not by registers.test+", oldKeyFile);
    }

    [Fact]
    public async Task The_key_that_signed_the_checkpoints_starts_as_before()
    {
        var keyFile = Path.Combine(_keys, "log-key");
        var database = await SignedRegisterAsync(keyFile);

        await using var again = await RunningServer.StartAsync(null, new Dictionary<string, string?> { ["Registers:LogKeyFile"] = keyFile }, database);

        Assert.True((await again.Client.GetAsync("/registers/country/checkpoint")).IsSuccessStatusCode);
    }

    private string OtherKeyFile => Path.Combine(_keys, "other-key");

    /// <summary>A new log key, written to <see cref="OtherKeyFile"/>.</summary>
    private async Task<SignerKey> OtherKeyAsync()
    {
        var key = SignerKey.Generate("registers.test");
        await OwnerOnlyFile.WriteAsync(OtherKeyFile, key.ExportPrivateKey() + "\n");
        return key;
    }

    /// <summary>A server on <paramref name="database"/> changed on purpose to the log key in <paramref name="keyFile"/>, which has signed a checkpoint since.</summary>
    private static async Task<RunningServer> ChangeKeyAndAppendAsync(string database, string keyFile)
    {
        var server = await RunningServer.StartAsync(null, new Dictionary<string, string?> { ["Registers:LogKeyFile"] = keyFile, ["Registers:AcceptNewLogKey"] = "true" }, database);
        (await server.Client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB", name = "United Kingdom" } } } })).EnsureSuccessStatusCode();
        return server;
    }

    /// <summary>A database holding a register whose checkpoints the log key in <paramref name="keyFile"/> (made now) signed.</summary>
    private async Task<string> SignedRegisterAsync(string keyFile)
    {
        await using var server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?> { ["Registers:LogKeyFile"] = keyFile });
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        return server.ConnectionString;
    }

    private static Task<ServerExit.Outcome> StartAsync(string database, string keyFile) =>
        ServerExit.RunAsync($"--ConnectionStrings:Registers={database}", $"--Registers:DataDirectory={ServerExit.NewDataDirectory()}",
            $"--Registers:LogKeyFile={keyFile}", "--Registers:PublicHost=registers.test", "--urls=http://127.0.0.1:0");
}
