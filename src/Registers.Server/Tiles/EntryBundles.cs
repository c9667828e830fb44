using System.Buffers.Binary;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Merkle;
using Registers.Server.Storage;
using Registers.Server.Writes;

namespace Registers.Server.Tiles;

/// <summary>
/// C2SP tlog-tiles entry bundles: the leaf data of up to 256 consecutive entries, each as a big-endian
/// 16-bit length and the entry's v1 leaf bytes (whose RFC 6962 leaf hash is the tree's leaf).
/// </summary>
public sealed class EntryBundles(NpgsqlDataSource database)
{
    private static readonly string EntriesSql = $"""
        SELECT number, key, timestamp, item_hashes FROM {StorageSchema.Name}.entries
        WHERE register = $1 AND log = $2 AND number BETWEEN $3 AND $4 ORDER BY number
        """;

    /// <summary>The bundle for <paramref name="tile"/>, or null when the log does not yet hold all its entries.</summary>
    public async Task<byte[]?> ReadAsync(string register, EntryLog log, TileId tile, CancellationToken cancellation)
    {
        var first = (long)tile.Index * TileId.FullWidth + 1;
        await using var command = database.CreateCommand(EntriesSql);
        foreach (var value in new object[] { register, (short)log, first, first + tile.Width - 1 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        using var bundle = new MemoryStream();
        var count = 0;
        var length = new byte[2];
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var leaf = EntryLeaf.GetBytes(
                reader.GetInt64(0),
                EntryTimestamp.From(reader.GetFieldValue<DateTimeOffset>(2)),
                reader.GetString(1),
                WriteContextReader.Split(reader.GetFieldValue<byte[]>(3)));
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)leaf.Length)); // writes refuse longer leaves (leaf-too-long)
            bundle.Write(length);
            bundle.Write(leaf);
            count++;
        }

        return count == tile.Width ? bundle.ToArray() : null;
    }
}
