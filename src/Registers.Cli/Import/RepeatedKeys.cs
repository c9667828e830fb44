using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Registers.Cli.Import;

/// <summary>
/// The keys of an import's rows so far, to find a key on two rows (the later would replace the earlier, which is never
/// meant). Each key is held as 128 bits of its SHA-256 with its line, some 40 bytes a row whatever the key's length: the
/// one thing an import keeps of every row while it reads the file.
/// </summary>
internal sealed class RepeatedKeys
{
    private readonly Dictionary<UInt128, long> _lines = [];

    /// <summary>The line of an earlier row with <paramref name="key"/>, or null (and the key is then taken as on <paramref name="line"/>).</summary>
    public long? Earlier(string key, long line)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_lines, MemoryMarshal.Read<UInt128>(hash), out var seen);
        if (seen)
        {
            return first;
        }

        first = line;
        return null;
    }
}
