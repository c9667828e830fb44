using System.Net.Http.Headers;
using System.Text.Json;
using Marten;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.HttpSignatures;
using Registers.Protocol.Items;
using Registers.Server.Signatures;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// An idempotency key is its signer's own. Co-custodians of one register cannot see each other's keys coming, but they
/// can predict them (the command derives a load's keys from the file): a key shared across signers would let one block
/// another's write, answer it with its own receipt, or make a resuming load skip a batch that never landed.
/// </summary>
public sealed class IdempotencyKeyPerSignerTests(PostgresCluster cluster) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private SignerKey _alice = null!;
    private SignerKey _bob = null!;
    private HttpClient _aliceClient = null!;
    private HttpClient _bobClient = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        _alice = SignerKey.Generate("custodian.test/alice");
        _bob = SignerKey.Generate("custodian.test/bob");
        foreach (var key in new[] { _alice, _bob })
        {
            (await _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = key.VerifierKey.ToString() })).EnsureSuccessStatusCode();
        }

        _aliceClient = _server.NewClient(_alice);
        _bobClient = _server.NewClient(_bob);
    }

    public async ValueTask DisposeAsync()
    {
        _aliceClient.Dispose();
        _bobClient.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_key_another_signer_used_first_for_another_body_does_not_block_the_write()
    {
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync(_bobClient, "batch-1", "FR")).StatusCode);

        var alices = await AppendAsync(_aliceClient, "batch-1", "GB");

        Assert.Equal(HttpStatusCode.OK, alices.StatusCode);
        Assert.Equal(2, await _server.Client.UserSizeAsync("country"));
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/registers/country/records/GB")).StatusCode);
    }

    [Fact]
    public async Task The_same_body_sent_first_by_another_signer_under_the_key_is_not_taken_for_the_write()
    {
        var bobs = await ReceiptAsync(await AppendAsync(_bobClient, "batch-1", "GB"));
        // Moved on since, so that the same body is a change again (an entry repeating the key's item is refused).
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync(_server.Client, null, "GB", "Great Britain")).StatusCode);

        var alices = await ReceiptAsync(await AppendAsync(_aliceClient, "batch-1", "GB"));

        Assert.Equal((1L, 1L), Entries(bobs));
        Assert.Equal((3L, 3L), Entries(alices));
        Assert.Equal(3, await _server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task A_signer_sending_its_own_key_again_still_gets_its_first_receipt_and_another_body_is_still_refused()
    {
        var first = await ReceiptAsync(await AppendAsync(_aliceClient, "batch-1", "GB"));
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync(_bobClient, "batch-1", "FR")).StatusCode);

        var again = await ReceiptAsync(await AppendAsync(_aliceClient, "batch-1", "GB"));
        var reused = await AppendAsync(_aliceClient, "batch-1", "DE");

        Assert.Equal((1L, 1L), Entries(first));
        Assert.Equal(Entries(first), Entries(again));
        Assert.Equal(first.GetProperty("user").GetProperty("checkpoint").GetString(), again.GetProperty("user").GetProperty("checkpoint").GetString());
        await reused.AssertProblemAsync(422, "Idempotency-Key");
        Assert.Equal(2, await _server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task Each_signer_looks_up_its_own_write_by_key_id_and_the_key_alone_is_ambiguous_once_two_signers_used_it()
    {
        var alices = await ReceiptAsync(await AppendAsync(_aliceClient, "batch-1", "GB"));
        var onlyAlices = await ReceiptAsync(await AppendAsync(_aliceClient, "batch-2", "DE"));
        var bobs = await ReceiptAsync(await AppendAsync(_bobClient, "batch-1", "FR"));

        var foundForAlice = await ReceiptAsync(await LookUpAsync("batch-1", _alice));
        var foundForBob = await ReceiptAsync(await LookUpAsync("batch-1", _bob));
        var ambiguous = await LookUpAsync("batch-1", null);
        var unsigned = await ReceiptAsync(await LookUpAsync("batch-2", null));
        var notBobs = await LookUpAsync("batch-2", _bob);

        Assert.Equal(Entries(alices), Entries(foundForAlice));
        Assert.Equal(Entries(bobs), Entries(foundForBob));
        var problem = await ambiguous.AssertProblemAsync(409, "key-id");
        Assert.Contains("key-id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Entries(onlyAlices), Entries(unsigned));
        await notBobs.AssertProblemAsync(404, null);
    }

    [Fact]
    public async Task A_key_id_with_its_plus_left_unescaped_is_read_as_meant()
    {
        var alices = await ReceiptAsync(await AppendAsync(_aliceClient, "batch-1", "GB"));
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync(_bobClient, "batch-1", "FR")).StatusCode);

        // curl sends "?key-id=custodian.test/alice+1a2b3c4d" as typed, and a '+' in a query reads as a space.
        var found = await ReceiptAsync(await _server.Client.GetAsync($"/registers/country/writes/batch-1?key-id={HttpSignatureKeyIds.Of(_alice.VerifierKey)}"));

        Assert.Equal(Entries(alices), Entries(found));
    }

    [Fact]
    public async Task An_rsf_load_under_a_key_another_signer_used_first_is_loaded_as_its_own_write()
    {
        Assert.Equal(HttpStatusCode.OK, (await LoadAsync(_bobClient, "load-1", "FR")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoadAsync(_bobClient, "load-2", "GB")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync(_server.Client, null, "GB", "Great Britain")).StatusCode);

        var other = await LoadAsync(_aliceClient, "load-1", "DE");
        var same = await LoadAsync(_aliceClient, "load-2", "GB");

        Assert.Equal((4L, 4L), Entries(await ReceiptAsync(other)));
        Assert.Equal((5L, 5L), Entries(await ReceiptAsync(same)));
        Assert.Equal((4L, 4L), Entries(await ReceiptAsync(await LookUpAsync("load-1", _alice))));
        Assert.Equal((1L, 1L), Entries(await ReceiptAsync(await LookUpAsync("load-1", _bob))));
    }

    [Fact]
    public async Task Writes_of_two_signers_decided_together_under_one_key_are_both_applied_and_a_signers_twin_once()
    {
        // One signed digest for all three: each write's entries are its own, but the key and "body" are shared.
        WriteRequest Signed(string keyId, string code)
        {
            var item = Item.FromJson(System.Text.Encoding.UTF8.GetBytes($$"""{"country":"{{code}}"}"""));
            return new(
                [new ProposedEntry(EntryLog.User, code, null, [item.Hash])], [item],
                Signature: new SignedWrite(keyId, "POST", "http://registers.test/registers/country/entries", "sig1=()", "sig1=::",
                    new Dictionary<string, string> { ["content-digest"] = "sha-256=:c2FtZQ==:" }, null),
                IdempotencyKey: "batch-1");
        }

        var store = _server.Services.GetRequiredService<IDocumentStore>();
        var database = _server.Services.GetRequiredService<NpgsqlDataSource>();

        // Never committed (disposing it rolls back): the decisions are what is looked at.
        await using var transaction = await LogTransaction.OpenAsync(store, database, "country", _server.AdminKey.VerifierKey, CancellationToken.None);
        var decisions = await transaction!.AppendAsync(
            [Signed("custodian.test/alice+00000001", "GB"), Signed("custodian.test/bob+00000002", "FR"), Signed("custodian.test/alice+00000001", "DE")],
            new WriteClock(EntryTimestamp.From(DateTimeOffset.UtcNow), TimeSpan.Zero), CancellationToken.None);

        Assert.IsType<WriteDecision.Accepted>(decisions[0]);
        Assert.IsType<WriteDecision.Accepted>(decisions[1]);
        Assert.Equal(new WriteDecision.SameAsEarlier(0), decisions[2]);
    }

    private static Task<HttpResponseMessage> AppendAsync(HttpClient client, string? key, string code, string? name = null)
    {
        var item = new Dictionary<string, string> { ["country"] = code };
        if (name is not null)
        {
            item["name"] = name;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = code, item } } }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> LoadAsync(HttpClient client, string key, string code)
    {
        var rsf = new RsfBuilder().User(code, "2024-01-01T00:00:00Z", $$"""{"country":"{{code}}"}""").ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/rsf")
        {
            Content = new StringContent(rsf) { Headers = { ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf") } },
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> LookUpAsync(string key, SignerKey? signer) =>
        _server.Client.GetAsync($"/registers/country/writes/{key}"
            + (signer is null ? "" : "?key-id=" + Uri.EscapeDataString(HttpSignatureKeyIds.Of(signer.VerifierKey))));

    private static async Task<JsonElement> ReceiptAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (long First, long Last) Entries(JsonElement receipt)
    {
        var user = receipt.GetProperty("user");
        return (user.GetProperty("first-entry").GetInt64(), user.GetProperty("last-entry").GetInt64());
    }
}
