using System.Net;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// An address that reaches some other web server: its answers are told apart from a register server's, rather than read
/// as a register that does not exist or a checkpoint that does not verify.
/// </summary>
public sealed class NotARegisterServerTests
{
    private readonly FakeServer _server = new();

    private RegistersClient Client() => new(new HttpClient(_server) { BaseAddress = new Uri("http://example.test/") });

    [Theory]
    [InlineData("text/html", "<html><body><h1>Not Found</h1></body></html>")]
    [InlineData("text/plain", "404 page not found")]
    [InlineData("application/json", """{"error":"not found"}""")]
    public async Task A_404_without_problem_details_is_not_taken_for_an_unknown_register(string mediaType, string body)
    {
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.NotFound, body, mediaType);

        var failure = await Assert.ThrowsAsync<NotARegisterServerException>(() => Client().GetStatusAsync("country", TestContext.Current.CancellationToken));

        Assert.Equal("GET http://example.test/registers/country/proof/register/merkle:sha-256 answered 404 Not Found, without the problem details a register server gives", failure.Message);
    }

    [Fact]
    public async Task A_404_with_problem_details_is_still_an_unknown_register()
    {
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.NotFound, """{"title":"Unknown register","status":404}""", "application/problem+json");

        Assert.Null(await Client().GetStatusAsync("country", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_501_without_problem_details_to_a_write_is_not_taken_for_a_failing_register_server()
    {
        // A plain web server's answer to a POST; a register server never answers 501.
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.NotImplemented, "<html><body>Unsupported method ('POST')</body></html>", "text/html");

        var failure = await Assert.ThrowsAsync<NotARegisterServerException>(() => Client().AppendAsync("country", [new NewEntry("GB", Item.FromJson("""{"country":"GB"}"""u8))], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("POST http://example.test/registers/country/entries answered 501 Not Implemented, without the problem details a register server gives", failure.Message);
    }

    [Theory]
    [InlineData("application/json", """{"status":"ok"}""")]
    [InlineData("text/plain", "OK")]
    public async Task A_checkpoint_that_is_no_signed_note_is_not_taken_for_a_forged_one(string mediaType, string body)
    {
        // Another service's health or status answer at the address: a configuration mistake, not a forgery.
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.OK, body, mediaType);
        using var key = SignerKey.Generate("registers.test");
        var client = new VerifyingClient(Client(), new CheckpointTrust(key.VerifierKey));

        var failure = await Assert.ThrowsAsync<NotARegisterServerException>(() => client.GetVerifiedCheckpointAsync("country", TestContext.Current.CancellationToken));

        Assert.StartsWith($"GET http://example.test/registers/country/checkpoint answered 200 OK ({mediaType}), which is not a signed note: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_page_is_not_taken_for_a_checkpoint()
    {
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.OK, "<html><body>Welcome</body></html>", "text/html");

        var failure = await Assert.ThrowsAsync<NotARegisterServerException>(() => Client().GetCheckpointAsync("country", EntryLog.User, null, TestContext.Current.CancellationToken));

        Assert.Equal("GET http://example.test/registers/country/checkpoint answered with a web page (text/html)", failure.Message);
    }
}
