using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A signed JSON write's body is held whole while its digest is checked and its write is made, so one key may have only
/// so many bytes of them arriving or being written at once: a write that would pass them is a 429 with Retry-After before
/// any of its body is read (one without a Content-Length, as soon as it grows past them), other keys are not held to that
/// key's bytes, and a write gives its bytes back however it ends.
/// </summary>
public sealed class ConcurrentBodyBytesPerKeyTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const string JsonMediaType = "application/json";
    private const string Entries = "/registers/thing/entries";
    private const int PerKey = 200_000;
    private const int HeldBody = 80_000;

    private RunningServer _server = null!;
    private SignerKey _custodian = null!;
    private string _custodianKeyId = null!;
    private HttpClient _custodianClient = null!;
    private BodyBytesPerKey _bodies = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?>
        {
            ["Registers:MaxBodyBytes"] = "100000",
            ["Registers:ConcurrentBodyBytesPerKey"] = PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await GrowingRegister.CreateAsync(_server, "thing");
        _custodian = SignerKey.Generate("custodian.test/bodies");
        _custodianKeyId = HttpSignatureKeyIds.Of(_custodian.VerifierKey);
        (await _server.Client.PutAsJsonAsync("/registers/thing/custodian-keys", new { key = _custodian.VerifierKey.ToString() })).EnsureSuccessStatusCode();
        _custodianClient = _server.NewClient(_custodian);
        _bodies = _server.Services.GetRequiredService<BodyBytesPerKey>();
    }

    public async ValueTask DisposeAsync()
    {
        _custodianClient.Dispose();
        _custodian.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_write_that_would_pass_the_bytes_a_key_has_arriving_is_a_429_before_its_body_is_read_while_another_key_writes()
    {
        var (firstBody, firstCount) = Append("a", HeldBody);
        var (secondBody, secondCount) = Append("b", HeldBody);
        int thirdCount, adminCount;
        var held = await HoldTwoWritesAsync(firstBody, secondBody);
        using (held)
        {
            // Some 80 KB at 20 KB/s: the answer comes long before the body could have been sent whole, if it comes first.
            (var third, thirdCount) = Append("c", HeldBody);
            await using var upload = await EarlyAnswerUpload.StartAsync(_server.Address, Entries, third, JsonMediaType, _custodian, 2048, TimeSpan.FromMilliseconds(100));
            var answering = upload.AnswerAsync();
            Assert.True(await Task.WhenAny(answering, Task.Delay(TimeSpan.FromSeconds(15))) == answering, "no answer within 15 s: the third write is being received");
            var (status, headers, problem) = await answering;

            Assert.True(status == 429, $"{status}: {problem}");
            Assert.StartsWith("application/problem+json", headers["Content-Type"], StringComparison.Ordinal);
            Assert.True(int.TryParse(headers.GetValueOrDefault("Retry-After"), out var retryAfter) && retryAfter > 0, "no Retry-After in seconds");
            var refusal = JsonDocument.Parse(problem).RootElement;
            refusal.AssertWhole(429);
            Assert.Contains($"{PerKey} bytes", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(upload.Sent < third.Length, "the body was sent whole before the answer");
            Assert.Equal(firstBody.Length + secondBody.Length, _bodies.Held(_custodianKeyId)); // nothing of the third was counted

            // The admin key's writes are its own to count.
            (var admins, adminCount) = Append("d", HeldBody);
            using var another = await _server.Client.PostAsync(Entries, Json(admins));
            Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await held.WritingFirst).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await held.WritingSecond).StatusCode);
        using var afterwards = await SendUntilTakenAsync(Append("c", HeldBody).Body); // the bytes were given back
        Assert.True(afterwards.StatusCode == HttpStatusCode.OK, $"{afterwards.StatusCode}: {await afterwards.Content.ReadAsStringAsync()}");
        Assert.Equal(firstCount + secondCount + adminCount + thirdCount, await SizeAsync());
    }

    [Fact]
    public async Task A_body_sent_without_a_length_is_refused_with_a_429_once_it_grows_past_the_bytes_its_key_has_left()
    {
        var (firstBody, _) = Append("a", HeldBody);
        var (secondBody, _) = Append("b", HeldBody);
        var held = await HoldTwoWritesAsync(firstBody, secondBody);
        using (held)
        {
            // 60 KB where 40 KB are left: it starts, as its length is not known, and is refused once past them.
            var (chunked, _) = Append("c", 60_000);
            using var refused = await _custodianClient.PostAsync(Entries, new ChunkedContent(chunked, JsonMediaType));

            var problem = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.TooManyRequests, $"{refused.StatusCode}: {problem}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After in seconds");
            JsonDocument.Parse(problem).RootElement.AssertWhole(429);
            await WaitUntilHeldAsync(firstBody.Length + secondBody.Length); // what it had taken was given back
        }

        Assert.Equal(HttpStatusCode.OK, (await held.WritingFirst).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await held.WritingSecond).StatusCode);
        await WaitUntilHeldAsync(0);
    }

    [Fact]
    public async Task A_write_broken_off_by_its_client_gives_its_bytes_back_and_one_too_large_for_any_write_is_a_413_not_a_429()
    {
        var (abandonedBody, _) = Append("a", HeldBody);
        var (heldBody, heldCount) = Append("b", HeldBody);
        using var held = await HoldTwoWritesAsync(abandonedBody, heldBody);
        var (third, thirdCount) = Append("c", HeldBody);
        using (var refused = await _custodianClient.PostAsync(Entries, Json(third)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // Larger than any write may be: that is what it is told, not to send it again.
        using (var tooLarge = await _custodianClient.PostAsync(Entries, Json(Append("e", 150_000).Body)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }

        held.First.Abandon();
        await Assert.ThrowsAnyAsync<Exception>(() => held.WritingFirst);
        await WaitUntilHeldAsync(heldBody.Length);

        using var taken = await _custodianClient.PostAsync(Entries, Json(third));
        Assert.True(taken.StatusCode == HttpStatusCode.OK, $"{taken.StatusCode}: {await taken.Content.ReadAsStringAsync()}");
        held.Second.Release();
        Assert.Equal(HttpStatusCode.OK, (await held.WritingSecond).StatusCode);
        Assert.Equal(heldCount + thirdCount, await SizeAsync());
    }

    [Fact]
    public async Task Once_the_writes_of_several_keys_have_ended_no_key_has_its_bytes_counted_any_longer()
    {
        var held = await HoldTwoWritesAsync(Append("a", HeldBody).Body, Append("b", HeldBody).Body);
        using (held)
        {
            using var admins = await _server.Client.PostAsync(Entries, new ChunkedContent(Append("c", HeldBody).Body, JsonMediaType));
            Assert.Equal(HttpStatusCode.OK, admins.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await held.WritingFirst).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await held.WritingSecond).StatusCode);

        // A counter for each key that wrote would be kept for the server's life: one for every key that ever did.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_bodies.CountersKept != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{_bodies.CountersKept} keys still have a counter");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Two of the custodian's writes, of <paramref name="firstBody"/> and <paramref name="secondBody"/>, each with half its
    /// body sent and the rest held back; returned once the key holds both bodies' bytes.
    /// </summary>
    private async Task<HeldWrites> HoldTwoWritesAsync(byte[] firstBody, byte[] secondBody)
    {
        var held = new HeldWrites(_custodianClient, firstBody, secondBody);
        try
        {
            await Task.WhenAll(held.First.FirstPartSent, held.Second.FirstPartSent).WaitAsync(TimeSpan.FromSeconds(10));
            await WaitUntilHeldAsync(firstBody.Length + secondBody.Length);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new(JsonMediaType) } };

    /// <summary>An append of user entries for "thing", keyed apart by <paramref name="prefix"/>, of at least <paramref name="bytes"/> bytes.</summary>
    private static (byte[] Body, int Count) Append(string prefix, int bytes)
    {
        var entries = new List<object>();
        var length = 20;
        while (length < bytes)
        {
            var key = $"{prefix}{entries.Count + 1}";
            var entry = new { key, item = new { thing = key, name = $"value {entries.Count + 1} " + new string('x', 150) } };
            entries.Add(entry);
            length += JsonSerializer.SerializeToUtf8Bytes(entry).Length + 1;
        }

        return (JsonSerializer.SerializeToUtf8Bytes(new { entries }), entries.Count);
    }

    /// <summary>Appends <paramref name="body"/> until it is not a 429: the bytes of a write just answered are given back a moment after its answer.</summary>
    private async Task<HttpResponseMessage> SendUntilTakenAsync(byte[] body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        while ((response = await _custodianClient.PostAsync(Entries, Json(body))).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            response.Dispose();
            await Task.Delay(50);
        }

        return response;
    }

    private async Task<long> SizeAsync() =>
        (await _server.Client.GetFromJsonAsync<JsonElement>("/registers/thing/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();

    private async Task WaitUntilHeldAsync(long bytes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_bodies.Held(_custodianKeyId) != bytes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the key holds {_bodies.Held(_custodianKeyId)} bytes, not {bytes}");
            await Task.Delay(50);
        }
    }

    /// <summary>Two writes under way with the rest of their bodies held back; disposing of them sends the rest (of one not abandoned).</summary>
    private sealed class HeldWrites : IDisposable
    {
        public HeldWrites(HttpClient client, byte[] firstBody, byte[] secondBody)
        {
            First = new HeldBackContent(firstBody, firstBody.Length / 2, JsonMediaType);
            Second = new HeldBackContent(secondBody, secondBody.Length / 2, JsonMediaType);
            WritingFirst = client.PostAsync(Entries, First);
            WritingSecond = client.PostAsync(Entries, Second);
        }

        public HeldBackContent First { get; }

        public HeldBackContent Second { get; }

        public Task<HttpResponseMessage> WritingFirst { get; }

        public Task<HttpResponseMessage> WritingSecond { get; }

        public void Dispose()
        {
            First.Release();
            Second.Release();
            First.Dispose();
            Second.Dispose();
        }
    }
}
