using Microsoft.Extensions.Caching.Memory;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Hosting;

namespace Registers.Server.Proofs;

/// <summary>
/// Full tiles kept in memory. A full tile never changes once stored (a log only grows), so it is safe to keep for as
/// long as there is room, and most of what any proof needs is full tiles: at 1,000,000 entries all of them fit in 32 MB.
/// Partial tiles (the right edge of the tree) are always read from the database.
/// </summary>
public sealed class FullTileCache(ServerOptions options) : IDisposable
{
    /// <summary>The bytes of a full tile: 256 hashes.</summary>
    public const int FullTileBytes = TileId.FullWidth * Digest.Length;

    private readonly MemoryCache _tiles = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.TileCacheBytes / FullTileBytes) });

    /// <summary>The full tile, if held.</summary>
    public byte[]? Find(string register, EntryLog log, int level, ulong index) =>
        _tiles.TryGetValue(new Key(register, log, level, index), out byte[]? hashes) ? hashes : null;

    /// <summary>Keeps <paramref name="hashes"/> if they make a full tile; a partial one may still grow and is not kept.</summary>
    public void Offer(string register, EntryLog log, int level, ulong index, byte[] hashes)
    {
        if (hashes.Length == FullTileBytes && options.TileCacheBytes > 0)
        {
            _tiles.Set(new Key(register, log, level, index), hashes, new MemoryCacheEntryOptions { Size = 1 });
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _tiles.Dispose();

    private readonly record struct Key(string Register, EntryLog Log, int Level, ulong Index);
}
