using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A signature whose <c>created</c> is ahead of the server's clock (within the minute allowed) is not refused by the next
/// process as made before it started: what the process that accepted it saw is gone with it. The server remembers such
/// signatures' <c>created</c> in its database, so no signature one process accepted is accepted by the next.
/// </summary>
public sealed class ReplayAfterRestartTests(PostgresCluster cluster) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private SignerKey _custodian = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        _custodian = SignerKey.Generate("custodian.test/alice");
        (await _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _custodian.VerifierKey.ToString() })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _custodian.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_write_signed_ahead_of_the_clock_and_accepted_is_refused_after_a_restart()
    {
        var created = DateTimeOffset.UtcNow.AddSeconds(30);
        var request = await SignedAsync(Entries(("DE", "Germany")), created);
        var captured = await CapturedRequest.CopyAsync(request);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(request)).StatusCode);
        using (var alice = _server.NewClient(_custodian))
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.PostAsJsonAsync("/registers/country/entries", Entries(("DE", "Deutschland")))).StatusCode);
        }

        _server = await _server.RestartAsync();

        // Sent again, it would put the record back as it was.
        var problem = await (await SendAsync(captured)).AssertProblemAsync(401, null);
        problem.AssertWhole(401);
        Assert.Contains("accepted before the server restarted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await _server.Client.UserSizeAsync("country"));
        var record = await _server.Client.GetFromJsonAsync<JsonElement>("/registers/country/records/DE");
        Assert.Equal("Deutschland", record.GetProperty("DE").GetProperty("item")[0].GetProperty("name").GetString());

        // A signature created after the latest one accepted before the restart is taken.
        var later = await SignedAsync(Entries(("FR", "France")), DateTimeOffset.FromUnixTimeSeconds(created.ToUnixTimeSeconds() + 1));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(later)).StatusCode);
        Assert.Equal(3, await _server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task A_signature_whose_write_was_refused_is_refused_after_a_restart_too()
    {
        // Refused then (the register was not yet of that size); sent again after the register has grown to it, it would
        // be applied, though its signer was told it was not.
        var request = await SignedAsync(Entries(("DE", "Germany")), DateTimeOffset.UtcNow.AddSeconds(30), ifMatch: "\"size-1\"");
        var captured = await CapturedRequest.CopyAsync(request);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(request)).StatusCode);
        using (var alice = _server.NewClient(_custodian))
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.PostAsJsonAsync("/registers/country/entries", Entries(("GB", "United Kingdom")))).StatusCode);
        }

        _server = await _server.RestartAsync();

        var problem = await (await SendAsync(captured)).AssertProblemAsync(401, null);
        Assert.Contains("accepted before the server restarted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await _server.Client.UserSizeAsync("country")); // the United Kingdom alone
    }

    [Fact]
    public async Task A_write_signed_in_the_second_of_a_restart_is_taken_by_the_restarted_server()
    {
        using var alice = _server.NewClient(_custodian);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsJsonAsync("/registers/country/entries", Entries(("GB", "United Kingdom")))).StatusCode);

        // Accepted in the second it was signed, early in it; the server restarted within that second (a start on a set-up
        // database takes a fraction of one) must not refuse what is signed while it listens.
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - DateTimeOffset.UtcNow.Millisecond + 20));
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsJsonAsync("/registers/country/entries", Entries(("DE", "Germany")))).StatusCode);
        _server = await _server.RestartAsync();

        using var signedAfresh = _server.NewClient(_custodian);
        var afresh = await signedAfresh.PostAsJsonAsync("/registers/country/entries", Entries(("FR", "France")));
        Assert.True(afresh.StatusCode == HttpStatusCode.OK, $"{afresh.StatusCode}: {await afresh.Content.ReadAsStringAsync()} (signed {second} or after)");
        Assert.Equal(3, await _server.Client.UserSizeAsync("country"));
    }

    private static object Entries(params (string Code, string Name)[] countries) =>
        new { entries = countries.Select(c => new { key = c.Code, item = new { country = c.Code, name = c.Name } }).ToArray() };

    private async Task<HttpRequestMessage> SignedAsync(object body, DateTimeOffset created, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, "/registers/country/entries")) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        await SigningHandler.SignAsync(request, _custodian, created);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var raw = _server.NewClient();
        return await raw.SendAsync(request);
    }
}
