using System.Net;
using System.Text;
using Registers.Client.Signing;
using Registers.Client.Tests.Support;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;
using Registers.Protocol.HttpSignatures;
using Registers.Protocol.Items;

namespace Registers.Client.Tests.Signing;

public sealed class RequestSigningHandlerTests : IDisposable
{
    private readonly SignerKey _key = SignerKey.Generate("custodian.example/alice");
    private readonly FakeServer _server = new();

    public void Dispose() => _key.Dispose();

    private HttpClient Client() =>
        new(new RequestSigningHandler(_key) { InnerHandler = _server }) { BaseAddress = new Uri("http://registers.test:5080/") };

    private HttpSignatureVerification Verify(ReceivedRequest request, DateTimeOffset? now = null) =>
        new HttpSignatureVerifier([_key.VerifierKey], HttpSignaturePolicy.CustodianWrites)
            .Verify(request.Parts(), request.Header("Signature-Input"), request.Header("Signature"), now ?? DateTimeOffset.UtcNow);

    [Fact]
    public async Task An_append_with_an_idempotency_key_and_if_match_verifies_covering_all_five_components()
    {
        var client = new RegistersClient(Client());

        await client.AppendAsync("country", [new NewEntry("GB", Item.FromJson("""{"country":"GB","name":"United Kingdom"}"""u8))],
            new WriteOptions { IdempotencyKey = "batch-1", ExpectedSize = 2 });

        var request = Assert.Single(_server.Received);
        var result = Verify(request);
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(["@method", "@target-uri", "content-digest", "idempotency-key", "if-match"], result.Verified.CoveredComponents);
        Assert.Equal(HttpSignatureKeyIds.Of(_key.VerifierKey), result.Verified.KeyId);
        Assert.NotNull(result.Verified.Nonce);
        Assert.Equal("\"size-2\"", request.Header("If-Match"));
        Assert.Equal(ContentDigest.Of(request.Body!), request.Header("Content-Digest"));
        Assert.InRange(result.Verified.Created!.Value, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task The_signature_covers_the_exact_body_bytes_so_a_changed_body_fails_the_digest()
    {
        using var http = Client();
        await http.PostAsync("registers/country/entries", new StringContent("{\"entries\":[]}", Encoding.UTF8, "application/json"));
        var request = _server.Received[0];

        var tampered = request with { Body = Encoding.UTF8.GetBytes("{\"entries\":[1]}") };

        Assert.True(Verify(request).IsVerified);
        Assert.Equal(HttpSignatureFailure.DigestMismatch, Verify(tampered).Failure);
    }

    [Fact]
    public async Task A_changed_target_or_method_or_if_match_does_not_verify()
    {
        using var http = Client();
        using var message = new HttpRequestMessage(HttpMethod.Post, "registers/country/entries") { Content = new StringContent("{}") };
        message.Headers.TryAddWithoutValidation("If-Match", "\"size-4\"");
        await http.SendAsync(message);
        var request = _server.Received[0];

        Assert.True(Verify(request).IsVerified);
        Assert.Equal(HttpSignatureFailure.BadSignature, Verify(request with { Uri = new Uri("http://registers.test:5080/registers/other/entries") }).Failure);
        Assert.Equal(HttpSignatureFailure.BadSignature, Verify(request with { Method = HttpMethod.Put }).Failure);
        var otherSize = request.Headers.Select(h => h.Key == "If-Match" ? new KeyValuePair<string, string>(h.Key, "\"size-5\"") : h).ToList();
        Assert.Equal(HttpSignatureFailure.BadSignature, Verify(request with { Headers = otherSize }).Failure);
    }

    [Fact]
    public async Task A_delete_without_a_body_is_signed_without_a_digest()
    {
        using var http = Client();
        await http.DeleteAsync("registers/country/custodian-keys/abc");
        var request = _server.Received[0];

        var result = Verify(request);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(["@method", "@target-uri"], result.Verified.CoveredComponents);
        Assert.Null(request.Header("Content-Digest"));
    }

    [Fact]
    public async Task Reads_are_not_signed()
    {
        using var http = Client();
        await http.GetAsync("registers/country/checkpoint");

        Assert.Null(_server.Received[0].Header("Signature"));
        Assert.Null(_server.Received[0].Header("Signature-Input"));
    }

    [Fact]
    public async Task The_same_request_sent_twice_in_one_second_gets_two_different_signatures_so_a_retry_is_no_replay()
    {
        var time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));
        using var http = new HttpClient(new RequestSigningHandler(_key, time) { InnerHandler = _server }) { BaseAddress = new Uri("http://registers.test/") };

        await http.PostAsync("registers/country/entries", new StringContent("{}"));
        await http.PostAsync("registers/country/entries", new StringContent("{}"));

        Assert.NotEqual(_server.Received[0].Header("Signature"), _server.Received[1].Header("Signature"));
        Assert.True(Verify(_server.Received[1], time.GetUtcNow().AddSeconds(3)).IsVerified);
        Assert.Equal(HttpSignatureFailure.Expired, Verify(_server.Received[1], time.GetUtcNow().AddMinutes(6)).Failure);
    }

    [Fact]
    public async Task An_rsf_load_streamed_from_a_file_carries_the_digest_of_exactly_what_was_sent()
    {
        var rsf = Encoding.UTF8.GetBytes("add-item\t{\"a\":\"b\"}\n");
        using var stream = new MemoryStream([.. "ignored-prefix"u8, .. rsf]) { Position = "ignored-prefix".Length };
        var client = new RegistersClient(Client());

        await client.LoadRsfAsync("country", stream, new WriteOptions { IdempotencyKey = "k" });

        var request = _server.Received[0];
        Assert.Equal(rsf, request.Body);
        Assert.Equal(RegistersClient.RsfMediaType, request.Header("Content-Type"));
        Assert.True(Verify(request).IsVerified, Verify(request).ToString());
    }

    [Fact]
    public void A_cosignature_key_cannot_sign_requests()
    {
        using var witness = SignerKey.Generate("witness.example", SignatureType.Ed25519CosignatureV1);

        Assert.Throws<ArgumentException>(() => new RequestSigningHandler(witness));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
