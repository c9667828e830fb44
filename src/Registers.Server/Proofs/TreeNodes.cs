using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Storage;

namespace Registers.Server.Proofs;

/// <summary>
/// Reads Merkle tree nodes out of the stored tiles: every node a proof needs lives in at most one
/// tile per tile level, so any proof at any size costs one query for a handful of tiles, or none when
/// <see cref="TileCache"/> holds them wide enough.
/// </summary>
public sealed class TreeNodes(NpgsqlDataSource database, TileCache cache)
{
    // One probe of the primary key per tile, whatever the statistics say: as a plain join, with no statistics for
    // the register (just after a load, before autovacuum analyses it) a proof read every tile of the register (~3,900
    // at 1,000,000 entries). A LATERAL subquery with LIMIT is not flattened into a join, so each probe uses the
    // whole key; the key is unique, so LIMIT changes nothing.
    private static readonly string TilesSql = $"""
        SELECT q.level, q.index, t.hashes FROM unnest($3::smallint[], $4::bigint[]) AS q(level, index)
        CROSS JOIN LATERAL (
            SELECT t.hashes FROM {StorageSchema.Name}.tiles t
            WHERE t.register = $1 AND t.log = $2 AND t.level = q.level AND t.index = q.index LIMIT 1) t
        """;

    /// <summary>The hashes of <paramref name="nodes"/> in the tree of the first <paramref name="treeSize"/> entries.</summary>
    /// <exception cref="InvalidOperationException">A tile the nodes need is missing or too short: storage is damaged.</exception>
    public async Task<Digest[]> ReadAsync(string register, EntryLog log, ulong treeSize, IReadOnlyList<NodeId> nodes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var slices = nodes.Select(node => TileSlice.ForNode(node, treeSize)).ToArray();
        var tiles = slices.Select(slice => slice.Tile).DistinctBy(tile => (tile.Level, tile.Index)).ToArray();
        var trees = await ReadTreesAsync(register, log, tiles, cancellation);
        return [.. slices.Select(slice =>
            trees.TryGetValue((slice.Tile.Level, slice.Tile.Index), out var tree) && tree.Covers(slice)
                ? tree.Hash(slice)
                : throw new InvalidOperationException($"Tile {slice.Tile} of {register} ({log}) is missing or short."))];
    }

    /// <summary>The stored hashes of one tile (possibly more than a partial tile's width), or null.</summary>
    public async Task<byte[]?> ReadTileAsync(string register, EntryLog log, int level, ulong index, CancellationToken cancellation) =>
        (await ReadTreesAsync(register, log, [new TileId(level, index)], cancellation)).GetValueOrDefault((level, index))?.ToBytes();

    /// <summary>Each tile at least as wide as asked, from the cache where it holds one, the rest in one query.</summary>
    private async Task<Dictionary<(int, ulong), TileTree>> ReadTreesAsync(
        string register, EntryLog log, TileId[] wanted, CancellationToken cancellation)
    {
        var trees = new Dictionary<(int, ulong), TileTree>();
        foreach (var tile in wanted)
        {
            if (cache.Find(register, log, tile.Level, tile.Index) is { } held && held.Width >= tile.Width)
            {
                trees[(tile.Level, tile.Index)] = held;
            }
        }

        var missing = wanted.Where(tile => !trees.ContainsKey((tile.Level, tile.Index))).ToArray();
        if (missing.Length == 0)
        {
            return trees;
        }

        await using var command = database.CreateCommand(TilesSql);
        AddParameters(command, register, log, missing);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var (level, index) = (reader.GetInt16(0), (ulong)reader.GetInt64(1));
            var tree = TileTree.Build(reader.GetFieldValue<byte[]>(2));
            cache.Offer(register, log, level, index, tree);
            trees[(level, index)] = tree;
        }

        return trees;
    }

    private static void AddParameters(NpgsqlCommand command, string register, EntryLog log, IReadOnlyList<TileId> tiles)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = register });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)log });
        command.Parameters.Add(new NpgsqlParameter { Value = tiles.Select(tile => (short)tile.Level).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = tiles.Select(tile => (long)tile.Index).ToArray() });
    }
}
