using Microsoft.Extensions.Caching.Memory;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Hosting;

namespace Registers.Server.Proofs;

/// <summary>
/// Tiles kept in memory, folded into <see cref="TileTree"/>s so that any node of a proof is a lookup. A log only grows,
/// so a tile's stored hashes never change once written: a full tile is good for ever, and a partial one read earlier
/// still answers every tree size it was wide enough for. A proof at a size the cache has seen reads no tile from the
/// database; at 1,000,000 entries every tile fits in about 64 MB.
/// </summary>
public sealed class TileCache(ServerOptions options) : IDisposable
{
    private readonly MemoryCache _tiles = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.TileCacheBytes) });

    /// <summary>The tile as read last, if held; it may be narrower than a caller wants (see <see cref="TileTree.Covers"/>).</summary>
    public TileTree? Find(string register, EntryLog log, int level, ulong index) =>
        _tiles.TryGetValue(new Key(register, log, level, index), out TileTree? tree) ? tree : null;

    /// <summary>Keeps <paramref name="tree"/> unless a tree at least as wide is held.</summary>
    public void Offer(string register, EntryLog log, int level, ulong index, TileTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (options.TileCacheBytes <= 0 || Find(register, log, level, index) is { } held && held.Width >= tree.Width)
        {
            return;
        }

        _tiles.Set(new Key(register, log, level, index), tree, new MemoryCacheEntryOptions { Size = tree.NodeCount * Digest.Length });
    }

    /// <inheritdoc/>
    public void Dispose() => _tiles.Dispose();

    private readonly record struct Key(string Register, EntryLog Log, int Level, ulong Index);
}
