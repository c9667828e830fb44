using Npgsql;
using Registers.Protocol.Hashing;

namespace Registers.Server.Tests.Support;

/// <summary>What the database holds for a register's user log, read behind the server's back.</summary>
public sealed record StoredLog(long[] Numbers, Digest[] Leaves, Digest[] Chains)
{
    public static async Task<StoredLog> ReadAsync(string connectionString, string register)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT number, leaf_hash, chain_hash FROM registers.entries WHERE register = $1 AND log = 0 ORDER BY number", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = register });
        var (numbers, leaves, chains) = (new List<long>(), new List<Digest>(), new List<Digest>());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt64(0));
            leaves.Add(Digest.FromBytes(reader.GetFieldValue<byte[]>(1)));
            chains.Add(Digest.FromBytes(reader.GetFieldValue<byte[]>(2)));
        }

        return new StoredLog([.. numbers], [.. leaves], [.. chains]);
    }
}
