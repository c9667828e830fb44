using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Registers.Protocol.Hashing;

namespace Registers.Cli.Writes;

/// <summary>
/// Idempotency keys for the batches of a load or import: derived from the register, the file's SHA-256 and where the
/// batch starts and how many entries it holds, so a re-run of the same file sends each batch under the key it had before
/// and the server applies it at most once.
/// </summary>
internal static class BatchKeys
{
    /// <summary><c>PREFIX-</c> and 40 hex digits of SHA-256(register, file, start..., count).</summary>
    public static string Of(string prefix, string register, Digest file, ReadOnlySpan<long> start, long count)
    {
        var name = Encoding.UTF8.GetBytes(register);
        var buffer = new byte[name.Length + 1 + Digest.Length + (8 * (start.Length + 1))];
        name.CopyTo(buffer, 0);
        file.Bytes.CopyTo(buffer.AsSpan(name.Length + 1));
        var at = name.Length + 1 + Digest.Length;
        foreach (var value in start)
        {
            BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(at), value);
            at += 8;
        }

        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(at), count);
        return prefix + "-" + Convert.ToHexStringLower(SHA256.HashData(buffer))[..40];
    }

    /// <summary>The SHA-256 of a whole file already read, the same as <see cref="FileDigestAsync"/> of it.</summary>
    public static Digest FileDigest(ReadOnlySpan<byte> contents) => Digest.FromBytes(SHA256.HashData(contents));

    /// <summary>The SHA-256 of a whole file.</summary>
    public static async Task<Digest> FileDigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Digest.FromBytes(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
