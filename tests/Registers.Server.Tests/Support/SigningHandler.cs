using Registers.Client.Signing;
using Registers.Protocol.Checkpoints;

namespace Registers.Server.Tests.Support;

/// <summary>Signs requests the way a custodian's client does: with the client library's own signing handler.</summary>
public static class SigningHandler
{
    /// <summary>A handler that signs every write with <paramref name="key"/> and sends it.</summary>
    public static DelegatingHandler For(SignerKey key) => new RequestSigningHandler(key) { InnerHandler = new HttpClientHandler() };

    /// <summary>Adds Content-Digest (when there is a body) and the signature headers to <paramref name="request"/>, as made at <paramref name="created"/>, without sending it.</summary>
    public static async Task SignAsync(HttpRequestMessage request, SignerKey key, DateTimeOffset created)
    {
        using var signer = new HttpMessageInvoker(new RequestSigningHandler(key, new FixedTime(created)) { InnerHandler = new Unsent() });
        using var _ = await signer.SendAsync(request, CancellationToken.None);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Ends the pipeline once the request is signed.</summary>
    private sealed class Unsent : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
    }
}
