using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// The admin key writes everywhere; a custodian key with its key id would make a request's key id name two keys, and the
/// admin key listed as a custodian key would be revoked in the log while it still writes. Neither is listed, whatever
/// door the custodian-key entry comes through: the custodian-key endpoint, an appended system entry, or an RSF load.
/// </summary>
public sealed class AdminKeyAsCustodianTests(PostgresCluster cluster)
{
    // Two real keys of one name whose ids collide (see KeyIdCollisionTests): one is the admin key, the other a stranger's.
    private const string AdminTwinKey = "PRIVATE+KEY+custodian.test/alice+2916b702+ATOzSWSNfgGpOta0upT1QXSfG+3GgcIfpp9rcS49MA+h";
    private const string ImpostorKey = "PRIVATE+KEY+custodian.test/alice+2916b702+AWLAnRn6wn+/HCELL8xEDlUhjCGrpc8D7RVHYGDAUQMV";

    [Fact]
    public async Task The_admin_key_is_not_allowed_as_a_custodian_key_at_the_custodian_key_endpoint()
    {
        await using var server = await CountryServerAsync();
        var before = await SystemSizeAsync(server);

        var response = await server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = server.AdminKey.VerifierKey.ToString() });

        var problem = await response.AssertProblemAsync(409, null);
        Assert.Equal("Key id taken", problem.GetProperty("title").GetString());
        Assert.Contains("the admin key's", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SystemSizeAsync(server));
    }

    [Fact]
    public async Task The_admin_key_is_not_listed_by_an_appended_system_entry()
    {
        await using var server = await CountryServerAsync();
        var before = await SystemSizeAsync(server);

        var response = await server.Client.PostAsJsonAsync("/registers/country/entries", Listing(server.AdminKey.VerifierKey));

        AssertAdminKeyIdTaken(await response.AssertProblemAsync(422, null), server.AdminKey.VerifierKey, line: null);
        Assert.Equal(before, await SystemSizeAsync(server));
    }

    [Fact]
    public async Task The_admin_key_is_not_listed_by_an_rsf_load_into_a_register_or_one_creating_it()
    {
        await using var server = await CountryServerAsync();
        var before = await SystemSizeAsync(server);
        var listing = ListingRsf(server.AdminKey.VerifierKey);

        var into = await server.Client.LoadAsync("country", listing.ToString());
        var creating = await server.Client.LoadAsync("territory", new RsfBuilder().System("name", "2024-01-01T00:00:00Z", """{"name":"territory"}""")
            + listing.ToString());

        AssertAdminKeyIdTaken(await into.AssertProblemAsync(422, null), server.AdminKey.VerifierKey, line: 2);
        AssertAdminKeyIdTaken(await creating.AssertProblemAsync(422, null), server.AdminKey.VerifierKey, line: 4);
        Assert.Equal(before, await SystemSizeAsync(server));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task The_admin_key_is_not_listed_by_a_lenient_load_either()
    {
        await using var server = await CountryServerAsync();
        var before = await SystemSizeAsync(server);

        var loaded = await server.Client.LoadAsync("country", ListingRsf(server.AdminKey.VerifierKey).ToString(), lenient: true);

        AssertAdminKeyIdTaken(await loaded.AssertProblemAsync(422, null), server.AdminKey.VerifierKey, line: 2);
        Assert.Equal(before, await SystemSizeAsync(server));
    }

    [Fact]
    public async Task The_admin_key_is_not_recorded_as_revoked_by_any_load()
    {
        // The log would show it revoked while it still writes every register.
        await using var server = await CountryServerAsync();
        var before = await SystemSizeAsync(server);
        var admin = server.AdminKey.VerifierKey;
        var renamed = VerifierKey.Create("custodian.test/renamed", SignatureType.Ed25519, admin.PublicKey);

        foreach (var key in new[] { admin, renamed })
        {
            var revocation = new RsfBuilder().System(KeyEntry(key), "2024-01-01T00:00:00Z",
                $$"""{"custodian-key":"{{key}}","end-date":"2024-01-01T00:00:00Z","start-date":"2023-01-01T00:00:00Z"}""").ToString();
            foreach (var lenient in new[] { false, true })
            {
                var loaded = await server.Client.LoadAsync("country", revocation, lenient);

                AssertAdminKeyIdTaken(await loaded.AssertProblemAsync(422, null), key, line: 2);
            }
        }

        Assert.Equal(before, await SystemSizeAsync(server));
    }

    [Fact]
    public async Task A_custodian_key_that_became_the_admin_key_may_still_be_revoked()
    {
        // Listed before it became the admin key (here: a server started again with it as its admin key), it is revoked
        // to end that, the one change the rule lets through.
        var database = "";
        var custodian = SignerKey.Generate("custodian.test/alice");
        await using (var first = await CountryServerAsync())
        {
            database = first.ConnectionString;
            (await first.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = custodian.VerifierKey.ToString() })).EnsureSuccessStatusCode();
        }

        await using var server = await RunningServer.StartAsync(null, database: database, adminKey: custodian);
        var revocation = new RsfBuilder().System(KeyEntry(custodian.VerifierKey), "2024-01-01T00:00:00Z",
            $$"""{"custodian-key":"{{custodian.VerifierKey}}","end-date":"2024-01-01T00:00:00Z"}""").ToString();

        var loaded = await server.Client.LoadAsync("country", revocation);

        Assert.True(loaded.StatusCode == HttpStatusCode.OK, await loaded.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_admin_keys_public_key_under_another_name_is_listed_through_no_door()
    {
        await using var server = await CountryServerAsync();
        var renamed = VerifierKey.Create("custodian.test/renamed", SignatureType.Ed25519, server.AdminKey.VerifierKey.PublicKey);
        Assert.NotEqual(HttpSignatureKeyIds.Of(server.AdminKey.VerifierKey), HttpSignatureKeyIds.Of(renamed));
        var before = await SystemSizeAsync(server);

        var allowed = await server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = renamed.ToString() });
        var appended = await server.Client.PostAsJsonAsync("/registers/country/entries", Listing(renamed));
        var loaded = await server.Client.LoadAsync("country", ListingRsf(renamed).ToString(), lenient: true);

        var conflict = await allowed.AssertProblemAsync(409, null);
        Assert.Contains("the admin key's", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertAdminKeyIdTaken(await appended.AssertProblemAsync(422, null), renamed, line: null);
        AssertAdminKeyIdTaken(await loaded.AssertProblemAsync(422, null), renamed, line: 2);
        Assert.Equal(before, await SystemSizeAsync(server));
    }

    [Fact]
    public async Task A_key_sharing_the_admin_keys_id_is_listed_through_no_door()
    {
        await using var server = await CountryServerAsync(SignerKey.Parse(AdminTwinKey));
        using var impostor = SignerKey.Parse(ImpostorKey);
        Assert.Equal(HttpSignatureKeyIds.Of(server.AdminKey.VerifierKey), HttpSignatureKeyIds.Of(impostor.VerifierKey));
        var before = await SystemSizeAsync(server);

        var allowed = await server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = impostor.VerifierKey.ToString() });
        var appended = await server.Client.PostAsJsonAsync("/registers/country/entries", Listing(impostor.VerifierKey));
        var loaded = await server.Client.LoadAsync("country", ListingRsf(impostor.VerifierKey).ToString());

        var conflict = await allowed.AssertProblemAsync(409, null);
        Assert.Contains("the admin key's", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertAdminKeyIdTaken(await appended.AssertProblemAsync(422, null), impostor.VerifierKey, line: null);
        AssertAdminKeyIdTaken(await loaded.AssertProblemAsync(422, null), impostor.VerifierKey, line: 2);
        Assert.Equal(before, await SystemSizeAsync(server));
        using var signed = server.NewClient(impostor);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signed.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } })).StatusCode);
    }

    private static void AssertAdminKeyIdTaken(JsonElement problem, VerifierKey listed, long? line)
    {
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((KeyEntry(listed), "key-id-taken"), (error.GetProperty("key").GetString(), error.GetProperty("rule").GetString()));
        Assert.Equal(line, error.TryGetProperty("line", out var at) ? at.GetInt64() : null);
        Assert.Contains("the admin key's", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<RunningServer> CountryServerAsync(SignerKey? adminKey = null)
    {
        var server = await RunningServer.StartAsync(cluster, adminKey: adminKey);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        return server;
    }

    private static object Listing(VerifierKey key) => new
    {
        entries = new[] { new { key = KeyEntry(key), log = "system", item = new Dictionary<string, string> { ["custodian-key"] = key.ToString() } } },
    };

    private static RsfBuilder ListingRsf(VerifierKey key) =>
        new RsfBuilder().System(KeyEntry(key), "2024-01-01T00:00:00Z", $$"""{"custodian-key":"{{key}}"}""");

    private static string KeyEntry(VerifierKey key) => "custodian-key:" + HttpSignatureKeyIds.Of(key).Split('+')[^1];

    private static async Task<long> SystemSizeAsync(RunningServer server) =>
        (await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/system/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
