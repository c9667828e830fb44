using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A load is received whole into the data folder before it is loaded, so one key may have only so many arriving or
/// loading at once (2 by default): one more is a 429 with Retry-After before any of its body is read, other keys are not
/// held to that key's count, and a load gives its slot back however it ends.
/// </summary>
public sealed class ConcurrentLoadsPerKeyTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const string RsfMediaType = "application/uk-gov-rsf";

    private RunningServer _server = null!;
    private SignerKey _custodian = null!;
    private HttpClient _custodianClient = null!;
    private string _uploads = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(_server, "thing");
        _custodian = SignerKey.Generate("custodian.test/loads");
        (await _server.Client.PutAsJsonAsync("/registers/thing/custodian-keys", new { key = _custodian.VerifierKey.ToString() })).EnsureSuccessStatusCode();
        _custodianClient = _server.NewClient(_custodian);
        _uploads = _server.Services.GetRequiredService<UploadFolder>().Path;
    }

    public async ValueTask DisposeAsync()
    {
        _custodianClient.Dispose();
        _custodian.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_third_load_by_a_key_with_two_arriving_is_a_429_before_its_body_is_read_while_another_key_loads()
    {
        using var first = Held(Rsf("a", 100));
        using var second = Held(Rsf("b", 100));
        var loadingFirst = _custodianClient.PostAsync("/registers/thing/rsf", first);
        var loadingSecond = _custodianClient.PostAsync("/registers/thing/rsf", second);
        try
        {
            await Task.WhenAll(first.FirstPartSent, second.FirstPartSent).WaitAsync(TimeSpan.FromSeconds(10));
            await WaitUntilAsync(() => Directory.EnumerateFiles(_uploads).Count() == 2);

            // Some 1 MB at 20 KB/s: the answer comes long before the body could have been sent whole, if it comes first.
            var third = Encoding.UTF8.GetBytes(RsfBuilder.LargeItems(500, 2000).ToString());
            await using var upload = await EarlyAnswerUpload.StartAsync(_server.Address, "/registers/thing/rsf", third, RsfMediaType, _custodian, 2048, TimeSpan.FromMilliseconds(100));
            var answering = upload.AnswerAsync();
            Assert.True(await Task.WhenAny(answering, Task.Delay(TimeSpan.FromSeconds(15))) == answering, "no answer within 15 s: the third load is being received");
            var (status, headers, problem) = await answering;

            Assert.True(status == 429, $"{status}: {problem}");
            Assert.StartsWith("application/problem+json", headers["Content-Type"], StringComparison.Ordinal);
            Assert.True(int.TryParse(headers.GetValueOrDefault("Retry-After"), out var retryAfter) && retryAfter > 0, "no Retry-After in seconds");
            var refusal = JsonDocument.Parse(problem).RootElement;
            refusal.AssertWhole(429);
            Assert.Contains("2 loads", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(upload.Sent < third.Length, "the body was sent whole before the answer");
            Assert.Equal(2, Directory.EnumerateFiles(_uploads).Count()); // nothing of the third was received

            // The admin key's loads are its own to count.
            using var another = await _server.Client.LoadAsync("thing", Rsf("c", 10));
            Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        }
        finally
        {
            first.Release();
            second.Release();
        }

        Assert.Equal(HttpStatusCode.OK, (await loadingFirst).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await loadingSecond).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _custodianClient.LoadAsync("thing", Rsf("d", 10))).StatusCode); // the slots were given back
        Assert.Equal(220, await SizeAsync());
    }

    [Fact]
    public async Task Loads_refused_or_broken_off_by_their_client_give_their_slots_back()
    {
        for (var i = 0; i < 3; i++)
        {
            using var refused = await _custodianClient.LoadAsync("thing", "add-item\t{ \"name\":\"x\"}\n");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var abandoned = Held(Rsf($"gone{i}", 100));
            var loading = _custodianClient.PostAsync("/registers/thing/rsf", abandoned);
            await abandoned.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10));
            await WaitUntilAsync(() => Directory.EnumerateFiles(_uploads).Any());
            abandoned.Abandon();
            await Assert.ThrowsAnyAsync<Exception>(() => loading);
            await WaitUntilAsync(() => !Directory.EnumerateFiles(_uploads).Any());
        }

        // Given back just after the file goes: a load may meet the last slot still held for a moment, never for long.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage loaded;
        while ((loaded = await _custodianClient.LoadAsync("thing", Rsf("e", 10))).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            loaded.Dispose();
            await Task.Delay(50);
        }

        using (loaded)
        {
            Assert.True(loaded.StatusCode == HttpStatusCode.OK, $"{loaded.StatusCode}: {await loaded.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(10, await SizeAsync());
    }

    private static HeldBackContent Held(string rsf)
    {
        var body = Encoding.UTF8.GetBytes(rsf);
        return new HeldBackContent(body, body.Length / 2, RsfMediaType);
    }

    /// <summary><paramref name="count"/> user entries for "thing", keyed apart by <paramref name="prefix"/>.</summary>
    private static string Rsf(string prefix, int count)
    {
        var rsf = new RsfBuilder();
        for (var i = 1; i <= count; i++)
        {
            rsf.User($"{prefix}{i}", "2024-01-01T00:00:00Z", $"{{\"name\":\"value {i}\",\"thing\":\"{prefix}{i}\"}}");
        }

        return rsf.ToString();
    }

    private async Task<long> SizeAsync() =>
        (await _server.Client.GetFromJsonAsync<JsonElement>("/registers/thing/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the uploads folder did not change in time");
            await Task.Delay(50);
        }
    }
}
