using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// Custodian keys decide who may write, and they are system entries: a custodian must not be able to list one
/// (or revoke one) by appending the entry itself, through either write endpoint.
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
        (await _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _alice.VerifierKey.ToString() })).EnsureSuccessStatusCode();
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
    public async Task The_admin_key_may_still_load_custodian_key_entries()
    {
        var grant = $$"""{"custodian-key":"{{_mallory.VerifierKey}}"}""";
        var rsf = new RsfBuilder().System(KeyEntry(_mallory), "2024-01-01T00:00:00Z", grant).ToString();

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.LoadAsync("country", rsf)).StatusCode);

        using var mallory = _server.NewClient(_mallory);
        Assert.Equal(HttpStatusCode.OK, (await mallory.PostAsJsonAsync("/registers/country/entries", Entries("GB"))).StatusCode);
    }

    private static string KeyEntry(SignerKey key) => "custodian-key:" + HttpSignatureKeyIds.Of(key.VerifierKey).Split('+')[^1];

    private static object Entries(string code) => new { entries = new[] { new { key = code, item = new { country = code } } } };

    private async Task<long> SystemSizeAsync() =>
        (await _server.Client.GetFromJsonAsync<JsonElement>("/registers/country/system/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
