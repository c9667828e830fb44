using Microsoft.Extensions.DependencyInjection;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Signatures;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// Reads are public: a signature sent with one is not checked, and takes no place in the replay guard, whose size would
/// otherwise grow with every signed read anyone with a key cared to send.
/// </summary>
public sealed class SignedReadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Signed_reads_are_served_and_leave_nothing_in_the_replay_guard()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(server, "thing");
        using var plain = new HttpClient { BaseAddress = server.Address };
        var guard = server.Services.GetRequiredService<ReplayGuard>();
        var remembered = guard.Count; // the creation's signature

        for (var i = 0; i < 20; i++)
        {
            using var response = await plain.SendAsync(SignedGet(server, "/registers/thing/records", server.AdminKey));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(remembered, guard.Count);
    }

    [Fact]
    public async Task A_read_with_a_signature_that_does_not_verify_is_served_as_any_read()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(server, "thing");
        using var plain = new HttpClient { BaseAddress = server.Address };
        using var stranger = SignerKey.Generate("stranger.test/mallory");

        using var response = await plain.SendAsync(SignedGet(server, "/registers/thing/records", stranger));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage SignedGet(RunningServer server, string path, SignerKey key)
    {
        var uri = new Uri(server.Address, path);
        var parameters = new SignatureParameters
        {
            Components = ["@method", "@target-uri"],
            Created = DateTimeOffset.UtcNow,
            Nonce = Guid.NewGuid().ToString("N"),
        };
        var signature = HttpMessageSigner.Sign(new HttpRequestParts("GET", $"{uri.Scheme}://{uri.Authority}{uri.PathAndQuery}", []), parameters, key);
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Signature-Input", signature.SignatureInput);
        request.Headers.TryAddWithoutValidation("Signature", signature.Signature);
        return request;
    }
}
