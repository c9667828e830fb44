using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// Custodian keys decide who may write, and they are system entries: a custodian must not be able to list one
/// (or revoke one) by appending the entry itself, through either write endpoint; a key never allowed cannot be revoked.
/// How allowing and revoking keep their dates: <see cref="CustodianKeyDatesTests"/>.
/// </summary>
public sealed class CustodianKeyEntryTests(PostgresCluster cluster) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private SignerKey _alice = null!;
    private SignerKey _mallory = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        _alice = SignerKey.Generate("custodian.test/alice");
        _mallory = SignerKey.Generate("custodian.test/mallory");
        (await Allow()).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _alice.Dispose();
        _mallory.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_custodian_cannot_allow_another_key_by_appending_its_system_entry()
    {
        var before = await SystemSizeAsync();
        using var alice = _server.NewClient(_alice);

        var response = await alice.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = KeyEntry(_mallory), log = "system", item = new Dictionary<string, string> { ["custodian-key"] = _mallory.VerifierKey.ToString() } } },
        });

        var problem = await response.AssertProblemAsync(403, null);
        Assert.Contains("only the admin key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SystemSizeAsync());
        using var mallory = _server.NewClient(_mallory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mallory.PostAsJsonAsync("/registers/country/entries", Entries("GB"))).StatusCode);
    }

    [Fact]
    public async Task A_custodian_cannot_allow_another_key_in_an_rsf_load()
    {
        var before = await SystemSizeAsync();
        var grant = $$"""{"custodian-key":"{{_mallory.VerifierKey}}"}""";
        var rsf = new RsfBuilder().System(KeyEntry(_mallory), "2024-01-01T00:00:00Z", grant).ToString();
        using var alice = _server.NewClient(_alice);

        var response = await alice.LoadAsync("country", rsf);

        var problem = await response.AssertProblemAsync(422, null);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal((2, "admin-only", KeyEntry(_mallory)), (error.GetProperty("line").GetInt32(), error.GetProperty("rule").GetString(), error.GetProperty("key").GetString()));
        Assert.Equal(before, await SystemSizeAsync());
    }

    [Fact]
    public async Task A_custodian_cannot_change_the_registers_fields_or_metadata_through_either_door()
    {
        var before = await SystemSizeAsync();
        const string Field = """{"cardinality":"1","datatype":"integer","field":"name"}""";
        using var alice = _server.NewClient(_alice);

        var appended = await alice.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = "field:name", log = "system", item = new Dictionary<string, string> { ["field"] = "name", ["datatype"] = "integer", ["cardinality"] = "1" } } },
        });
        var loaded = await alice.LoadAsync("country", new RsfBuilder().System("field:name", "2024-01-01T00:00:00Z", Field).ToString());

        var forbidden = await appended.AssertProblemAsync(403, null);
        Assert.Contains("only the admin key", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var refused = (await loaded.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal((2, "admin-only"), (refused.GetProperty("line").GetInt32(), refused.GetProperty("rule").GetString()));
        Assert.Equal(before, await SystemSizeAsync());
    }

    [Fact]
    public async Task A_custodian_key_is_listed_only_under_its_own_key_id()
    {
        var before = await SystemSizeAsync();

        var response = await _server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = "custodian-key:00000000", log = "system", item = new Dictionary<string, string> { ["custodian-key"] = _mallory.VerifierKey.ToString() } } },
        });

        var refused = (await response.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal("custodian-key-id", refused.GetProperty("rule").GetString());
        Assert.Contains(HttpSignatureKeyIds.Of(_mallory.VerifierKey).Split('+')[^1], refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SystemSizeAsync());
    }

    [Theory]
    [InlineData("beside another item")]
    [InlineData("no key")]
    [InlineData("not a key")]
    [InlineData("a cosignature key")]
    public async Task A_custodian_key_entry_lists_one_ed25519_key_as_its_one_item_through_either_door_even_in_a_lenient_load(string wrong)
    {
        var before = await KeyRecordAsync(_server, _alice);
        using var witness = SignerKey.Generate("custodian.test/alice", SignatureType.Ed25519CosignatureV1);
        string[] items = wrong switch
        {
            "beside another item" => [$$"""{"custodian-key":"{{_alice.VerifierKey}}"}""", """{"note":"also"}"""],
            "no key" => ["""{"note":"unlisted"}"""],
            "not a key" => ["""{"custodian-key":"not a key"}"""],
            _ => [$$"""{"custodian-key":"{{witness.VerifierKey}}"}"""],
        };

        // Under alice's entry key: it would replace her record (or, with several items, stand beside it) unseen by the key rules.
        var appended = await _server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = KeyEntry(_alice), log = "system", items = items.Select(item => JsonDocument.Parse(item).RootElement).ToArray() } },
        });
        var rsf = new RsfBuilder().System(KeyEntry(_alice), "2024-01-01T00:00:00Z", items).ToString();
        var loaded = await _server.Client.LoadAsync("country", rsf);
        var loadedLeniently = await _server.Client.LoadAsync("country", rsf, lenient: true);

        var entryError = (await appended.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal(("custodian-key-item", KeyEntry(_alice)), (entryError.GetProperty("rule").GetString(), entryError.GetProperty("key").GetString()));
        foreach (var load in new[] { loaded, loadedLeniently })
        {
            var lineError = (await load.AssertProblemAsync(422, null)).GetProperty("errors")[0];
            Assert.Equal(("custodian-key-item", items.Length + 1), (lineError.GetProperty("rule").GetString(), lineError.GetProperty("line").GetInt32()));
        }

        Assert.Equal(before, await KeyRecordAsync(_server, _alice));
    }

    [Fact]
    public async Task A_custodian_cannot_load_leniently_past_the_registers_rules()
    {
        using var alice = _server.NewClient(_alice);
        var rsf = new RsfBuilder().User("GB", "2024-01-01T00:00:00Z", """{"country":"GB","start-date":"not a date"}""").ToString();

        var response = await alice.LoadAsync("country", rsf, lenient: true);

        var problem = await response.AssertProblemAsync(403, "lenient");
        Assert.Contains("only the admin key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_key_may_still_load_custodian_key_entries()
    {
        var grant = $$"""{"custodian-key":"{{_mallory.VerifierKey}}"}""";
        var rsf = new RsfBuilder().System(KeyEntry(_mallory), "2024-01-01T00:00:00Z", grant).ToString();

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.LoadAsync("country", rsf)).StatusCode);

        using var mallory = _server.NewClient(_mallory);
        Assert.Equal(HttpStatusCode.OK, (await mallory.PostAsJsonAsync("/registers/country/entries", Entries("GB"))).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_key_the_register_never_allowed_is_refused_through_either_door()
    {
        var before = await SystemSizeAsync();
        var revocation = RevocationOf(_mallory);

        var appended = await _server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = KeyEntry(_mallory), log = "system", item = JsonDocument.Parse(revocation).RootElement } },
        });
        var loaded = await _server.Client.LoadAsync("country", new RsfBuilder().System(KeyEntry(_mallory), "2024-01-01T00:00:00Z", revocation).ToString());

        var entryError = (await appended.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        var lineError = (await loaded.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal(("key-never-allowed", KeyEntry(_mallory)), (entryError.GetProperty("rule").GetString(), entryError.GetProperty("key").GetString()));
        Assert.Contains(HttpSignatureKeyIds.Of(_mallory.VerifierKey), entryError.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("key-never-allowed", 2), (lineError.GetProperty("rule").GetString(), lineError.GetProperty("line").GetInt32()));
        Assert.Equal(before, await SystemSizeAsync());
    }

    [Fact]
    public async Task A_lenient_load_lets_a_revocation_of_a_key_never_allowed_in_as_history_with_a_warning()
    {
        var rsf = new RsfBuilder().System(KeyEntry(_mallory), "2024-01-01T00:00:00Z", RevocationOf(_mallory)).ToString();

        var loaded = await _server.Client.LoadAsync("country", rsf, lenient: true);

        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var warning = (await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings")[0];
        Assert.Equal(("key-never-allowed", 2), (warning.GetProperty("rule").GetString(), warning.GetProperty("line").GetInt32()));
    }

    private Task<HttpResponseMessage> Allow() =>
        _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _alice.VerifierKey.ToString() });

    private static string RevocationOf(SignerKey key) =>
        $$"""{"custodian-key":"{{key.VerifierKey}}","end-date":"2024-01-01T00:00:00Z","start-date":"2023-01-01T00:00:00Z"}""";

    /// <summary>The custodian-key record of <paramref name="key"/> in <c>country</c>'s system log as served (entry number, timestamp, item).</summary>
    internal static async Task<string> KeyRecordAsync(RunningServer server, SignerKey key)
    {
        var entry = KeyEntry(key);
        var records = await server.Client.GetFromJsonAsync<JsonElement>($"/registers/country/system/records/{Uri.EscapeDataString(entry)}");
        return records.GetProperty(entry).GetRawText();
    }

    /// <summary>The system entry key of <paramref name="key"/>'s custodian-key entry.</summary>
    internal static string KeyEntry(SignerKey key) => "custodian-key:" + HttpSignatureKeyIds.Of(key.VerifierKey).Split('+')[^1];

    private static object Entries(string code) => new { entries = new[] { new { key = code, item = new { country = code } } } };

    private async Task<long> SystemSizeAsync() =>
        (await _server.Client.GetFromJsonAsync<JsonElement>("/registers/country/system/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
