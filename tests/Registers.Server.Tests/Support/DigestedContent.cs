using System.Net.Http.Headers;
using Registers.Protocol.HttpSignatures;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A body known in full but sent as its subclass chooses: its length and Content-Digest are set up front, so a signing
/// handler signs it without buffering it (and so without sending it all at once).
/// </summary>
public abstract class DigestedContent : HttpContent
{
    protected DigestedContent(byte[] body, string mediaType)
    {
        Body = body;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        Headers.ContentLength = body.Length;
        Headers.TryAddWithoutValidation("Content-Digest", ContentDigest.Of(body));
    }

    /// <summary>The whole body.</summary>
    protected byte[] Body { get; }

    protected override bool TryComputeLength(out long length)
    {
        length = Body.Length;
        return true;
    }
}
