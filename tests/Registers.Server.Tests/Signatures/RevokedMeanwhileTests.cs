using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A custodian's write is let in by the key's grant when it arrives; a revocation committed before the write is applied
/// (while a load was still arriving, or while the write waited for the register's lock) stops it.
/// </summary>
public sealed class RevokedMeanwhileTests(PostgresCluster cluster) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private SignerKey _custodian = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(_server, "thing");
        _custodian = SignerKey.Generate("custodian.test/dave");
        (await _server.Client.PutAsJsonAsync("/registers/thing/custodian-keys", new { key = _custodian.VerifierKey.ToString() })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _custodian.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_load_still_arriving_when_its_key_is_revoked_writes_nothing()
    {
        using var client = _server.NewClient(_custodian);
        var body = Encoding.UTF8.GetBytes(SlowLoadTests.Rsf(200));
        using var upload = new HeldBackContent(body, body.Length / 2, "application/uk-gov-rsf");
        var loading = client.PostAsync("/registers/thing/rsf", upload);
        await upload.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        (await RevokeAsync()).EnsureSuccessStatusCode();
        upload.Release();

        var problem = await (await loading).AssertProblemAsync(403, null);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await UserSizeAsync());
    }

    [Fact]
    public async Task An_append_queued_behind_its_keys_revocation_writes_nothing()
    {
        using var client = _server.NewClient(_custodian);
        Task<HttpResponseMessage> revoking, appending;
        await using (await HeldRegisterLock.TakeAsync(_server.ConnectionString, "thing"))
        {

            revoking = RevokeAsync();
            await Task.Delay(500, TestContext.Current.CancellationToken); // the revocation waits for the lock; the append queues behind it
            appending = client.PostAsJsonAsync("/registers/thing/entries", new
            {
                entries = new[] { new { key = "late", item = new Dictionary<string, string> { ["thing"] = "late", ["name"] = "after the end" } } },
            }, TestContext.Current.CancellationToken);
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        (await revoking).EnsureSuccessStatusCode();
        var problem = await (await appending).AssertProblemAsync(403, null);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await UserSizeAsync());
    }

    [Fact]
    public async Task An_append_queued_right_behind_its_keys_revocation_is_not_committed_in_the_same_group()
    {
        using var client = _server.NewClient(_custodian);
        Task<HttpResponseMessage> first, revoking, appending;
        await using (await HeldRegisterLock.TakeAsync(_server.ConnectionString, "thing"))
        {

            // The admin's append waits for the lock; the revocation and the custodian's append queue behind it, together.
            first = _server.Client.PostAsJsonAsync("/registers/thing/entries", Entry("early"), TestContext.Current.CancellationToken);
            await Task.Delay(500, TestContext.Current.CancellationToken);
            revoking = RevokeAsync();
            await Task.Delay(300, TestContext.Current.CancellationToken);
            appending = client.PostAsJsonAsync("/registers/thing/entries", Entry("late"), TestContext.Current.CancellationToken);
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        (await first).EnsureSuccessStatusCode();
        (await revoking).EnsureSuccessStatusCode();
        await (await appending).AssertProblemAsync(403, null);
        Assert.Equal(1, await UserSizeAsync());
    }

    private static object Entry(string key) =>
        new { entries = new[] { new { key, item = new Dictionary<string, string> { ["thing"] = key, ["name"] = "x" } } } };

    private Task<HttpResponseMessage> RevokeAsync() =>
        _server.Client.DeleteAsync($"/registers/thing/custodian-keys/{Uri.EscapeDataString(HttpSignatureKeyIds.Of(_custodian.VerifierKey))}");

    private async Task<long> UserSizeAsync() =>
        (await _server.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/registers/thing/register")).GetProperty("total-entries").GetInt64();
}
