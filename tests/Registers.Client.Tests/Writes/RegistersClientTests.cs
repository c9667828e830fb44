using System.Net;
using System.Text;
using Registers.Client.Problems;
using Registers.Client.Signing;
using Registers.Client.Tests.Support;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.HttpSignatures;
using Registers.Protocol.Items;

namespace Registers.Client.Tests.Writes;

public sealed class RegistersClientTests : IDisposable
{
    private static readonly RegistersClientOptions FastRetries = new() { RetryDelay = TimeSpan.FromMilliseconds(1) };
    private readonly SignerKey _key = SignerKey.Generate("custodian.example/alice");
    private readonly FakeServer _server = new();

    public void Dispose() => _key.Dispose();

    private RegistersClient Client() => new(
        new HttpClient(new RequestSigningHandler(_key) { InnerHandler = _server }) { BaseAddress = new Uri("http://registers.test/") }, FastRetries);

    private static NewEntry Entry(string key) => new(key, Item.FromJson(Encoding.UTF8.GetBytes($$"""{"country":"{{key}}"}""")));

    [Fact]
    public async Task An_append_sends_the_canonical_item_bytes_and_reads_the_receipt()
    {
        var item = Item.FromJson("""{"name":"Ünited Kingdom","country":"GB"}"""u8);
        var entries = new[]
        {
            new NewEntry("GB", item),
            new NewEntry("name", [item, item], EntryTimestamp.Parse("2020-01-01T00:00:00Z"), EntryLog.System),
        };

        var receipt = await Client().AppendAsync("country", entries);

        Assert.Equal(
            "{\"entries\":[{\"key\":\"GB\",\"item\":" + item + "},{\"key\":\"name\",\"items\":[" + item + "," + item + "],\"timestamp\":\"2020-01-01T00:00:00Z\",\"log\":\"system\"}]}",
            Encoding.UTF8.GetString(_server.Received[0].Body!));
        Assert.Equal("/registers/country/entries", _server.Received[0].Uri.AbsolutePath);
        Assert.Equal((3L, 2L, 2L), (receipt.User.Size, receipt.UserEntriesAppended, receipt.User.LastEntry!.Value - 1));
        Assert.Equal(0, receipt.SystemEntriesAppended);
    }

    [Fact]
    public async Task A_refusal_is_thrown_with_its_problem_details_and_every_listed_error()
    {
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.UnprocessableEntity, """
            {"type":"about:blank","title":"Entries refused","status":422,"detail":"Nothing was written: 2 problem(s)",
             "errors":[{"entry":0,"key":"GB","rule":"datatype","detail":"not a date","field":"start-date","value":"x"},"plain text problem"]}
            """, "application/problem+json");

        var failure = await Assert.ThrowsAsync<RegistersException>(() => Client().AppendAsync("country", [Entry("GB")]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
        Assert.Equal("Entries refused", failure.Problem.Title);
        Assert.Equal("Nothing was written: 2 problem(s)", failure.Problem.Detail);
        Assert.Equal(["entry 0, key 'GB', field 'start-date': not a date [datatype]", "plain text problem"], failure.Problem.Errors.Select(e => e.Message));
        Assert.Equal(("datatype", "start-date", 0), (failure.Problem.Errors[0].Rule, failure.Problem.Errors[0].Field, failure.Problem.Errors[0].Entry));
        Assert.Single(_server.Received);
    }

    [Theory]
    [InlineData("text/html", "<html>\n<body>\n<h1>502 Bad Gateway</h1>\n</body>\n</html>\n", null)]
    [InlineData("text/plain", "upstream\n  connect error\n", "upstream connect error")]
    public async Task A_refusal_that_is_no_problem_gives_one_line_of_detail_and_no_web_page(string mediaType, string body, string? detail)
    {
        // A proxy's error page (a register server answers with problem details, and never 501).
        _server.Answer = (_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

        var failure = await Assert.ThrowsAsync<RegistersException>(() => Client().AppendAsync("country", [Entry("GB")]));

        Assert.Equal(detail, failure.Problem.Detail);
        Assert.DoesNotContain('\n', failure.Problem.ToString());
    }

    [Fact]
    public async Task A_write_with_an_idempotency_key_is_retried_after_a_503_signed_anew_and_one_without_is_not()
    {
        _server.Answer = (_, count) => count == 1
            ? FakeServer.Json(HttpStatusCode.ServiceUnavailable, """{"title":"Busy"}""")
            : FakeServer.Json(HttpStatusCode.OK, FakeServer.Receipt);

        await Client().AppendAsync("country", [Entry("GB")], new WriteOptions { IdempotencyKey = "k1" });

        Assert.Equal(2, _server.Received.Count);
        Assert.Equal(_server.Received[0].Body, _server.Received[1].Body);
        Assert.Equal("k1", _server.Received[1].Header("Idempotency-Key"));
        Assert.NotEqual(_server.Received[0].Header("Signature"), _server.Received[1].Header("Signature"));

        var unkeyed = new FakeServer { Answer = (_, _) => FakeServer.Json(HttpStatusCode.ServiceUnavailable, """{"title":"Busy"}""") };
        var client = new RegistersClient(new HttpClient(unkeyed) { BaseAddress = new Uri("http://registers.test/") }, FastRetries);
        await Assert.ThrowsAsync<RegistersException>(() => client.AppendAsync("country", [Entry("GB")]));
        Assert.Single(unkeyed.Received);
    }

    [Fact]
    public async Task A_retry_that_finds_the_log_grown_returns_the_receipt_of_the_try_that_was_applied()
    {
        // The first try is applied but its answer is lost; the retry meets If-Match failing; the key's receipt tells.
        _server.Answer = (request, count) => count switch
        {
            1 => throw new HttpRequestException("connection reset"),
            2 => FakeServer.Json(HttpStatusCode.PreconditionFailed, """{"title":"Size mismatch"}"""),
            _ => request.Uri.AbsolutePath == "/registers/country/writes/k1.json"
                ? FakeServer.Json(HttpStatusCode.OK, FakeServer.Receipt)
                : FakeServer.Json(HttpStatusCode.InternalServerError, "{}"),
        };

        var receipt = await Client().AppendAsync("country", [Entry("GB")], new WriteOptions { IdempotencyKey = "k1", ExpectedSize = 1 });

        Assert.Equal(3, receipt.User.Size);
        Assert.Equal(HttpMethod.Get, _server.Received[2].Method);
        Assert.Equal("?key-id=" + Uri.EscapeDataString(HttpSignatureKeyIds.Of(_key.VerifierKey)), _server.Received[2].Uri.Query);
    }

    [Fact]
    public async Task A_signing_client_looks_up_its_own_keys_write_and_an_unsigned_one_the_idempotency_key_alone()
    {
        var unsignedServer = new FakeServer();
        var unsigned = new RegistersClient(new HttpClient(unsignedServer) { BaseAddress = new Uri("http://registers.test/") });

        await Client().GetWriteReceiptAsync("country", "batch/1+2");
        await unsigned.GetWriteReceiptAsync("country", "batch/1+2");

        var signed = _server.Received.Single();
        Assert.Equal(HttpMethod.Get, signed.Method);
        Assert.Null(signed.Header("Signature"));
        Assert.Equal("/registers/country/writes/batch%2F1%2B2.json", signed.Uri.AbsolutePath);
        Assert.Equal("?key-id=" + Uri.EscapeDataString(HttpSignatureKeyIds.Of(_key.VerifierKey)), signed.Uri.Query);
        Assert.Equal("/registers/country/writes/batch%2F1%2B2.json", unsignedServer.Received.Single().Uri.AbsolutePath);
        Assert.Equal("", unsignedServer.Received.Single().Uri.Query);
    }

    [Fact]
    public async Task Status_reads_both_logs_register_proofs_and_is_null_for_an_unknown_register()
    {
        _server.Answer = (request, _) => request.Uri.AbsolutePath switch
        {
            "/registers/country/proof/register/merkle:sha-256" => FakeServer.Json(HttpStatusCode.OK,
                """{"proof-identifier":"merkle:sha-256","root-hash":"sha-256:aa","total-entries":208,"checkpoint":"note"}"""),
            "/registers/country/system/proof/register/merkle:sha-256" => FakeServer.Json(HttpStatusCode.OK,
                """{"proof-identifier":"merkle:sha-256","root-hash":"sha-256:bb","total-entries":7,"checkpoint":"system note"}"""),
            _ => FakeServer.Json(HttpStatusCode.NotFound, """{"title":"Unknown register"}"""),
        };
        var client = Client();

        var status = await client.GetStatusAsync("country");

        Assert.Equal(new Status.LogStatus(208, "sha-256:aa", "note"), status!.User);
        Assert.Equal(new Status.LogStatus(7, "sha-256:bb", "system note"), status.System);
        Assert.Null(await client.GetStatusAsync("nothing"));
        Assert.Null(await client.GetWriteReceiptAsync("country", "never-sent"));
    }

    [Fact]
    public async Task Custodian_keys_are_added_with_the_verifier_key_and_revoked_by_keyid()
    {
        using var custodian = SignerKey.Generate("custodian.example/bob");
        var client = Client();

        await client.AddCustodianKeyAsync("country", custodian.VerifierKey);
        await client.RevokeCustodianKeyAsync("country", custodian.VerifierKey);

        Assert.Equal(HttpMethod.Put, _server.Received[0].Method);
        Assert.Equal($$"""{"key":"{{custodian.VerifierKey}}"}""", Encoding.UTF8.GetString(_server.Received[0].Body!));
        Assert.Equal(HttpMethod.Delete, _server.Received[1].Method);
        Assert.Equal("/registers/country/custodian-keys/" + Uri.EscapeDataString(HttpSignatureKeyIds.Of(custodian.VerifierKey)), _server.Received[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task Leaf_hashes_come_from_entry_bundles_a_full_one_then_a_partial_one()
    {
        static byte[] Bundle(int count) => [.. Enumerable.Range(0, count).SelectMany(i => new byte[] { 0, 2, (byte)(i >> 8), (byte)i })];
        _server.Answer = (request, _) => request.Uri.AbsolutePath switch
        {
            "/registers/country/system/tile/entries/000" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Bundle(256)) },
            "/registers/country/system/tile/entries/001.p/4" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Bundle(4)) },
            _ => FakeServer.Json(HttpStatusCode.NotFound, """{"title":"No such tile"}"""),
        };

        var leaves = await Client().GetLeafHashesAsync("country", EntryLog.System, 260);

        Assert.Equal(260, leaves.Count);
        Assert.Equal(Protocol.Hashing.MerkleHash.Leaf([0, 1]), leaves[1]);
        Assert.Equal(Protocol.Hashing.MerkleHash.Leaf([0, 255]), leaves[255]);
        Assert.Equal(Protocol.Hashing.MerkleHash.Leaf([0, 3]), leaves[259]);
        await Assert.ThrowsAsync<RegistersException>(() => Client().GetLeafHashesAsync("country", EntryLog.User, 1));
    }

    [Fact]
    public void Idempotency_keys_and_sizes_are_checked_when_made()
    {
        // The exception names the property set, as a caller wrote it.
        Assert.Equal(nameof(WriteOptions.IdempotencyKey), Assert.Throws<ArgumentException>(() => new WriteOptions { IdempotencyKey = new string('k', 129) }).ParamName);
        Assert.Throws<ArgumentException>(() => new WriteOptions { IdempotencyKey = "with\nnewline" });

        // The server refuses a key with a space (400), so the client refuses it before sending.
        Assert.Throws<ArgumentException>(() => new WriteOptions { IdempotencyKey = "batch 1" });

        // Nor a comma: the server reads one as a list of keys (400).
        Assert.Throws<ArgumentException>(() => new WriteOptions { IdempotencyKey = "batch-1,batch-2" });
        Assert.Equal("batch-1", new WriteOptions { IdempotencyKey = "batch-1" }.IdempotencyKey);
        Assert.Equal(nameof(WriteOptions.ExpectedSize), Assert.Throws<ArgumentOutOfRangeException>(() => new WriteOptions { ExpectedSize = -1 }).ParamName);
    }
}
