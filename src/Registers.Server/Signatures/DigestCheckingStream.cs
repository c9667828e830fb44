using System.Security.Cryptography;
using Registers.Protocol.Hashing;
using Registers.Server.Hosting;

namespace Registers.Server.Signatures;

/// <summary>The body of a signed request did not match the Content-Digest the signature covers.</summary>
public sealed class BodyDigestMismatchException(string message) : Exception(message);

/// <summary>
/// A request body that hashes itself as it is read and, at its end, throws unless the bytes match the
/// signed Content-Digest. A load receives its whole body before it begins its transaction, so a body
/// altered in flight is refused before anything is written.
/// </summary>
internal sealed class DigestCheckingStream(Stream inner, Digest expected) : ReadOnlyBodyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _checked;

    public override int Read(byte[] buffer, int offset, int count) => Seen(inner.Read(buffer, offset, count), buffer.AsSpan(offset));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Seen(await inner.ReadAsync(buffer, cancellationToken), buffer.Span);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Seen(int read, ReadOnlySpan<byte> buffer)
    {
        if (read > 0)
        {
            _hash.AppendData(buffer[..read]);
        }
        else if (!_checked)
        {
            _checked = true;
            var actual = Digest.FromBytes(_hash.GetHashAndReset());
            if (actual != expected)
            {
                throw new BodyDigestMismatchException(
                    $"The body's SHA-256 is {actual.ToBase64()}, but the signed Content-Digest says {expected.ToBase64()}: it was altered in flight.");
            }
        }

        return read;
    }
}
