using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// Allowing and revoking a custodian key record when a key became valid and when it stopped being: doing either again
/// must not move those dates (an auditor judges past writes by them), so it is refused and nothing is appended.
/// </summary>
public sealed class CustodianKeyChangeTests(PostgresCluster cluster) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private SignerKey _bob = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        _bob = SignerKey.Generate("custodian.test/bob");
        (await Allow()).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _bob.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Allowing_an_allowed_key_again_is_refused_and_keeps_its_start_date()
    {
        var before = await KeyRecordAsync();
        await NextSecondAsync();

        var problem = await (await Allow()).AssertProblemAsync(409, null);

        Assert.Equal("Custodian key already allowed", problem.GetProperty("title").GetString());
        Assert.Equal(before, await KeyRecordAsync());
    }

    [Fact]
    public async Task Revoking_a_revoked_key_again_is_refused_and_keeps_its_end_date()
    {
        (await Revoke()).EnsureSuccessStatusCode();
        var revoked = await KeyRecordAsync();
        await NextSecondAsync();

        var problem = await (await Revoke()).AssertProblemAsync(409, null);

        Assert.Equal("Custodian key already revoked", problem.GetProperty("title").GetString());
        Assert.Equal(revoked, await KeyRecordAsync());
    }

    [Fact]
    public async Task A_revoked_key_may_be_allowed_again()
    {
        (await Revoke()).EnsureSuccessStatusCode();
        var revoked = long.Parse(JsonDocument.Parse(await KeyRecordAsync()).RootElement.GetProperty("entry-number").GetString()!);

        Assert.Equal(HttpStatusCode.OK, (await Allow()).StatusCode);

        var record = JsonDocument.Parse(await KeyRecordAsync()).RootElement;
        Assert.False(record.GetProperty("item")[0].TryGetProperty("end-date", out _));
        Assert.Equal(revoked + 1, long.Parse(record.GetProperty("entry-number").GetString()!));
    }

    /// <summary>
    /// Lets the clock pass a second, the grain of entry timestamps and of the dates a change records: within the same
    /// second a change made again would be the same item, which the repeat rule refuses anyway.
    /// </summary>
    private static Task NextSecondAsync() => Task.Delay(TimeSpan.FromSeconds(1.1));

    private Task<HttpResponseMessage> Allow() =>
        _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _bob.VerifierKey.ToString() });

    private Task<HttpResponseMessage> Revoke() =>
        _server.Client.DeleteAsync($"/registers/country/custodian-keys/{Uri.EscapeDataString(HttpSignatureKeyIds.Of(_bob.VerifierKey))}");

    /// <summary>The key's record in the system log as served (entry number, timestamp, item).</summary>
    private async Task<string> KeyRecordAsync()
    {
        var key = "custodian-key:" + HttpSignatureKeyIds.Of(_bob.VerifierKey).Split('+')[^1];
        var records = await _server.Client.GetFromJsonAsync<JsonElement>($"/registers/country/system/records/{Uri.EscapeDataString(key)}");
        return records.GetProperty(key).GetRawText();
    }
}
