using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Server.Registers;

/// <summary>
/// Hashes to append to one stored tile: tile level <paramref name="Level"/> holds the tree's nodes
/// at height <c>8 × Level</c>, 256 to a tile, so a tile only ever grows at its end until it is full.
/// </summary>
/// <param name="Level">The tile level.</param>
/// <param name="Index">The tile's index within its level.</param>
/// <param name="Offset">How many hashes the tile held before these.</param>
/// <param name="Hashes">The hashes, concatenated.</param>
public sealed record TileAppend(int Level, long Index, int Offset, byte[] Hashes);

/// <summary>Gathers the nodes a batch completes into per-tile appends.</summary>
internal sealed class TileAppendCollector
{
    private readonly List<(int Level, ulong Index, int Offset, List<byte> Bytes)> _tiles = [];

    /// <summary>Takes a completed node; only nodes at tile boundaries (height 0, 8, 16, ...) are stored.</summary>
    public void Add(NodeId node, in Digest hash)
    {
        if (node.Level % TileId.Height != 0)
        {
            return;
        }

        var level = node.Level / TileId.Height;
        var index = node.Index / TileId.FullWidth;
        var offset = (int)(node.Index % TileId.FullWidth);
        var last = _tiles.FindLastIndex(tile => tile.Level == level);
        if (last < 0 || _tiles[last].Index != index)
        {
            _tiles.Add((level, index, offset, []));
            last = _tiles.Count - 1;
        }

        _tiles[last].Bytes.AddRange(hash.Bytes);
    }

    public List<TileAppend> ToList() =>
        [.. _tiles.Select(tile => new TileAppend(tile.Level, (long)tile.Index, tile.Offset, [.. tile.Bytes]))];
}
