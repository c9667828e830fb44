using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A custodian key's entries record when it became valid and when it stopped being: allowing or revoking again must not
/// move those dates (an auditor judges past writes by them), so it is refused and nothing is appended.
/// </summary>
public sealed class CustodianKeyDatesTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly CountryWithCustodian _country = new(cluster); // a register of its own for each test: they change its key

    private RunningServer _server = null!;
    private SignerKey _alice = null!;

    public async ValueTask InitializeAsync()
    {
        await _country.InitializeAsync();
        (_server, _alice) = (_country.Server, _country.Custodian);
    }

    public ValueTask DisposeAsync() => _country.DisposeAsync();

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
    public async Task Allowing_or_revoking_again_at_once_is_refused_as_done_already_not_as_a_repeat()
    {
        // Within the second the item made is the very item the key has: a repeat too, but said as what it is.
        var allowedAgain = await (await Allow()).AssertProblemAsync(409, null);
        (await Revoke()).EnsureSuccessStatusCode();
        var revokedAgain = await (await Revoke()).AssertProblemAsync(409, null);

        Assert.Equal(
            ("Custodian key already allowed", "Custodian key already revoked"),
            (allowedAgain.GetProperty("title").GetString(), revokedAgain.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Allowing_an_allowed_key_again_through_the_entries_endpoint_is_refused_too()
    {
        var before = await KeyRecordAsync();
        var item = new Dictionary<string, string> { ["custodian-key"] = _alice.VerifierKey.ToString(), ["start-date"] = "2099-01-01T00:00:00Z" };

        var response = await _server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = KeyEntry(_alice), log = "system", item } },
        });

        var problem = await response.AssertProblemAsync(422, null);
        Assert.Equal("key-already-allowed", problem.GetProperty("errors")[0].GetProperty("rule").GetString());
        Assert.Equal(before, await KeyRecordAsync());
    }

    [Fact]
    public async Task Revoking_by_a_key_id_whose_name_is_not_the_listed_keys_revokes_nothing()
    {
        var before = await KeyRecordAsync();
        var misnamed = "custodian.test/bob+" + HttpSignatureKeyIds.Of(_alice.VerifierKey).Split('+')[^1];

        var response = await _server.Client.DeleteAsync($"/registers/country/custodian-keys/{Uri.EscapeDataString(misnamed)}");

        await response.AssertProblemAsync(404, null);
        Assert.Equal(before, await KeyRecordAsync());
        Assert.Equal(HttpStatusCode.OK, (await Revoke()).StatusCode);
    }

    [Theory]
    [InlineData("zzz")]
    [InlineData("custodian.test/bob+zz")]
    [InlineData("0123456g")]
    [InlineData("+01234567")]
    public async Task Revoking_by_what_is_not_a_key_id_is_a_bad_request_that_revokes_nothing(string keyId)
    {
        var before = await KeyRecordAsync();

        var response = await _server.Client.DeleteAsync($"/registers/country/custodian-keys/{Uri.EscapeDataString(keyId)}");

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains($"not '{keyId}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await KeyRecordAsync());
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

    private static string KeyEntry(SignerKey key) => CustodianKeyEntryTests.KeyEntry(key);

    private Task<HttpResponseMessage> Allow() =>
        _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _alice.VerifierKey.ToString() });

    private Task<HttpResponseMessage> Revoke() =>
        _server.Client.DeleteAsync($"/registers/country/custodian-keys/{Uri.EscapeDataString(HttpSignatureKeyIds.Of(_alice.VerifierKey))}");

    private Task<string> KeyRecordAsync() => CustodianKeyEntryTests.KeyRecordAsync(_server, _alice);
}
