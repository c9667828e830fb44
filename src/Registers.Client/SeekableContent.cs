namespace Registers.Client;

/// <summary>
/// A body sent from a seekable stream, from where it stood when made to its end, as often as it is sent: each send seeks
/// back to the start. The stream stays the caller's (never disposed of here).
/// </summary>
internal sealed class SeekableContent : HttpContent
{
    private readonly Stream _stream;
    private readonly long _start;

    public SeekableContent(Stream stream)
    {
        _stream = stream;
        _start = stream.Position;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.Position = _start;
        await _stream.CopyToAsync(stream, 1 << 16, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _stream.Length - _start;
        return true;
    }

    /// <summary>The SHA-256 of the body, read once from the stream.</summary>
    public async Task<Protocol.Hashing.Digest> HashAsync(CancellationToken cancellationToken)
    {
        _stream.Position = _start;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Protocol.Hashing.Digest.FromBytes(hash.GetHashAndReset());
    }
}
