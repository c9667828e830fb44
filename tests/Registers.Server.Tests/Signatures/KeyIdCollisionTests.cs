using System.Text.Json;
using Npgsql;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A request names its key by key id, a name and 32 bits of a hash, so another key can be made to share it. A key must
/// be allowed only where that very key is listed, and the admin must not list a second key under an id already taken.
/// </summary>
/// <remarks>
/// The two keys below are real Ed25519 keys of one name whose ids collide, found by a birthday search (two of about
/// 184,000 fresh keys; seconds of work). An attacker aiming at a given custodian's key needs a second preimage instead,
/// about 2^32 keys: hours, not years. The server sees the same either way, two different keys with one id, so these
/// tests need neither a seam in the server nor a forged row in its database.
/// </remarks>
public sealed class KeyIdCollisionTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const string AliceKey = "PRIVATE+KEY+custodian.test/alice+2916b702+ATOzSWSNfgGpOta0upT1QXSfG+3GgcIfpp9rcS49MA+h";
    private const string ImpostorKey = "PRIVATE+KEY+custodian.test/alice+2916b702+AWLAnRn6wn+/HCELL8xEDlUhjCGrpc8D7RVHYGDAUQMV";

    private RunningServer _server = null!;
    private SignerKey _alice = null!;
    private SignerKey _impostor = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf("territory"))).EnsureSuccessStatusCode();
        _alice = SignerKey.Parse(AliceKey);
        _impostor = SignerKey.Parse(ImpostorKey);
        (await Allow("country", _alice)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _alice.Dispose();
        _impostor.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void The_two_keys_are_different_keys_with_one_key_id()
    {
        Assert.NotEqual(_alice.VerifierKey, _impostor.VerifierKey);
        Assert.Equal(HttpSignatureKeyIds.Of(_alice.VerifierKey), HttpSignatureKeyIds.Of(_impostor.VerifierKey));
    }

    [Fact]
    public async Task A_key_whose_id_another_key_has_is_not_listed_on_any_register()
    {
        var before = (await SystemSizeAsync("country"), await SystemSizeAsync("territory"));

        var elsewhere = await (await Allow("territory", _impostor)).AssertProblemAsync(409, null);
        var beside = await (await Allow("country", _impostor)).AssertProblemAsync(409, null);

        Assert.Contains("country", elsewhere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Key id taken", beside.GetProperty("title").GetString());
        Assert.Equal(before, (await SystemSizeAsync("country"), await SystemSizeAsync("territory")));
        using var alice = _server.NewClient(_alice);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsJsonAsync("/registers/country/entries", Entries("country", "GB"))).StatusCode);
    }

    [Fact]
    public async Task Each_key_may_write_only_where_that_very_key_is_listed()
    {
        // Such a pair may stand in a register's history (listed before the rule, or loaded leniently as history).
        var listed = await _server.Client.LoadAsync("territory", Listing(_impostor).ToString(), lenient: true);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var alice = _server.NewClient(_alice);
        using var impostor = _server.NewClient(_impostor);

        var impostorOnCountry = await impostor.PostAsJsonAsync("/registers/country/entries", Entries("country", "XX"));
        var impostorOnTerritory = await impostor.PostAsJsonAsync("/registers/territory/entries", Entries("territory", "XT"));
        var aliceOnCountry = await alice.PostAsJsonAsync("/registers/country/entries", Entries("country", "GB"));
        var aliceOnTerritory = await alice.PostAsJsonAsync("/registers/territory/entries", Entries("territory", "AQ"));

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            (impostorOnCountry.StatusCode, impostorOnTerritory.StatusCode, aliceOnCountry.StatusCode, aliceOnTerritory.StatusCode));
        Assert.Equal(["GB"], await UserKeysAsync("country"));
        Assert.Equal(["XT"], await UserKeysAsync("territory"));
    }

    [Fact]
    public async Task The_admin_lists_no_key_whose_id_another_key_has_by_an_entry_or_a_load_either()
    {
        var before = (await SystemSizeAsync("country"), await SystemSizeAsync("territory"));

        var appended = await _server.Client.PostAsJsonAsync("/registers/territory/entries", new
        {
            entries = new[] { new { key = KeyEntry(_impostor), log = "system", item = new Dictionary<string, string> { ["custodian-key"] = _impostor.VerifierKey.ToString() } } },
        });
        var loaded = await _server.Client.LoadAsync("country", Listing(_impostor).ToString());

        var entryProblem = await appended.AssertProblemAsync(422, null);
        var loadProblem = await loaded.AssertProblemAsync(422, null);
        Assert.Contains("key-id-taken", entryProblem.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("listed on register 'country'", entryProblem.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("key-id-taken", loadProblem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, (await SystemSizeAsync("country"), await SystemSizeAsync("territory")));
    }

    [Fact]
    public async Task A_key_whose_id_another_key_has_is_not_listed_beside_another_item_either()
    {
        var before = await SystemSizeAsync("territory");
        var items = new[]
        {
            JsonDocument.Parse($$"""{"custodian-key":"{{_impostor.VerifierKey}}"}""").RootElement,
            JsonDocument.Parse("""{"note":"a second item"}""").RootElement,
        };

        var appended = await _server.Client.PostAsJsonAsync("/registers/territory/entries", new
        {
            entries = new[] { new { key = KeyEntry(_impostor), log = "system", items } },
        });

        var problem = await appended.AssertProblemAsync(422, null);
        Assert.Contains("custodian-key-item", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await SystemSizeAsync("territory"));
        using var impostor = _server.NewClient(_impostor);
        Assert.NotEqual(HttpStatusCode.OK, (await impostor.PostAsJsonAsync("/registers/territory/entries", Entries("territory", "XT"))).StatusCode);
    }

    [Fact]
    public async Task Two_keys_of_one_id_allowed_at_once_on_two_registers_are_not_both_listed()
    {
        await using var server = await TwoRegistersAsync();

        // The impostor's request passes every check made before territory's lock, and waits for the lock (held here)
        // while alice's is listed on country: the two requests race as closely as they can.
        HttpResponseMessage impostor, alice;
        await using (var holder = new NpgsqlConnection(server.ConnectionString))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var lockStream = new NpgsqlCommand("SELECT id FROM registers.mt_streams WHERE id = 'territory' FOR UPDATE", holder, transaction))
            {
                await lockStream.ExecuteScalarAsync();
            }

            var waiting = server.Client.PutAsJsonAsync("/registers/territory/custodian-keys", new { key = _impostor.VerifierKey.ToString() });
            await WaitForLockWaitAsync(holder);
            alice = await server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _alice.VerifierKey.ToString() });
            await transaction.RollbackAsync();
            impostor = await waiting;
        }

        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        var refused = await impostor.AssertProblemAsync(409, null);
        Assert.Equal("Key id taken", refused.GetProperty("title").GetString());
        Assert.Contains("listed on register 'country'", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_keys_of_one_id_allowed_at_once_both_past_their_registers_locks_are_not_both_listed()
    {
        await using var server = await TwoRegistersAsync();

        // Both requests hold their registers' locks and wait on their key id's (held here): what each then reads, the
        // other may have committed.
        HttpResponseMessage[] answers;
        await using (var holder = await HoldAsync(server, $"pg_advisory_lock({KeyIdLockSpace}, hashtext('{KeyEntry(_alice)}'))"))
        {
            var alice = server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _alice.VerifierKey.ToString() });
            var impostor = server.Client.PutAsJsonAsync("/registers/territory/custodian-keys", new { key = _impostor.VerifierKey.ToString() });
            await WaitForAdvisoryLockWaitsAsync(holder, 2);
            await Release(holder, $"pg_advisory_unlock({KeyIdLockSpace}, hashtext('{KeyEntry(_alice)}'))");
            answers = await Task.WhenAll(alice, impostor);
        }

        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        var refused = await answers.Single(answer => answer.StatusCode != HttpStatusCode.OK).AssertProblemAsync(409, null);
        Assert.Equal("Key id taken", refused.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_load_listing_a_key_waits_for_a_write_listing_another_key_of_its_id()
    {
        await using var server = await TwoRegistersAsync();

        // Alice's request waits on her key id's lock (held here), holding the lock every key change shares; the load
        // listing the impostor must wait for her request, then find her key listed.
        HttpResponseMessage alice, load;
        await using (var holder = await HoldAsync(server, $"pg_advisory_lock({KeyIdLockSpace}, hashtext('{KeyEntry(_alice)}'))"))
        {
            var allowing = server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _alice.VerifierKey.ToString() });
            await WaitForAdvisoryLockWaitsAsync(holder, 1);
            var loading = server.Client.LoadAsync("territory", Listing(_impostor).ToString());
            await WaitForAdvisoryLockWaitsAsync(holder, 2);
            await Release(holder, $"pg_advisory_unlock({KeyIdLockSpace}, hashtext('{KeyEntry(_alice)}'))");
            (alice, load) = (await allowing, await loading);
        }

        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        var refused = await load.AssertProblemAsync(422, null);
        Assert.Contains("key-id-taken", refused.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("listed on register 'country'", refused.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>The lock space of a key id's lock, as the server takes it (WriteContextReader).</summary>
    private const int KeyIdLockSpace = 0x52656773;

    private async Task<RunningServer> TwoRegistersAsync()
    {
        var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf("territory"))).EnsureSuccessStatusCode();
        return server;
    }

    private static async Task<NpgsqlConnection> HoldAsync(RunningServer server, string lockCall)
    {
        var holder = new NpgsqlConnection(server.ConnectionString);
        await holder.OpenAsync();
        await using var take = new NpgsqlCommand($"SELECT {lockCall}", holder);
        await take.ExecuteScalarAsync();
        return holder;
    }

    private static async Task Release(NpgsqlConnection holder, string unlockCall)
    {
        await using var release = new NpgsqlCommand($"SELECT {unlockCall}", holder);
        Assert.True((bool)(await release.ExecuteScalarAsync())!);
    }

    /// <summary>Waits until <paramref name="count"/> connections to the server's database wait for advisory locks.</summary>
    private static async Task WaitForAdvisoryLockWaitsAsync(NpgsqlConnection connection, int count)
    {
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'", connection);
        for (var tries = 0; (long)(await waiting.ExecuteScalarAsync())! < count; tries++)
        {
            Assert.True(tries < 500, $"Fewer than {count} requests ever waited for a key id's lock.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until another connection waits for a lock (the request sent to the server).</summary>
    private static async Task WaitForLockWaitAsync(NpgsqlConnection connection)
    {
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", connection);
        for (var tries = 0; (long)(await waiting.ExecuteScalarAsync())! == 0; tries++)
        {
            Assert.True(tries < 500, "The request never waited for the register's lock.");
            await Task.Delay(10);
        }
    }

    private static RsfBuilder Listing(SignerKey key) =>
        new RsfBuilder().System(KeyEntry(key), "2024-01-01T00:00:00Z", $$"""{"custodian-key":"{{key.VerifierKey}}"}""");

    private Task<HttpResponseMessage> Allow(string register, SignerKey key) =>
        _server.Client.PutAsJsonAsync($"/registers/{register}/custodian-keys", new { key = key.VerifierKey.ToString() });

    private static string KeyEntry(SignerKey key) => "custodian-key:" + HttpSignatureKeyIds.Of(key.VerifierKey).Split('+')[^1];

    private static object Entries(string register, string code) =>
        new { entries = new[] { new { key = code, item = new Dictionary<string, string> { [register] = code, ["name"] = code } } } };

    private async Task<long> SystemSizeAsync(string register) =>
        (await _server.Client.GetFromJsonAsync<JsonElement>($"/registers/{register}/system/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();

    private async Task<string[]> UserKeysAsync(string register) =>
        [.. (await _server.Client.GetFromJsonAsync<JsonElement>($"/registers/{register}/records.json")).EnumerateObject().Select(record => record.Name)];
}
