using Npgsql;
using Registers.Server.Storage;

namespace Registers.Server.Writes;

/// <summary>A committed write found by its idempotency key: what it took, the sizes it was committed at, and the digest of its signed body.</summary>
public sealed record StoredWrite(string IdempotencyKey, EntryRange? User, EntryRange? System, long UserSize, long SystemSize, string? ContentDigest = null)
{
    private static readonly string Sql = $"""
        SELECT idempotency_key, user_first, user_last, system_first, system_last, user_size, system_size, signature->'Fields'->>'content-digest'
        FROM {StorageSchema.Name}.writes WHERE register = $1 AND idempotency_key = ANY($2)
        """;

    /// <summary>The stored writes of <paramref name="register"/> with any of <paramref name="keys"/>, by key.</summary>
    public static async Task<Dictionary<string, StoredWrite>> FindAsync(NpgsqlConnection connection, string register, IReadOnlyCollection<string> keys, CancellationToken cancellation)
    {
        var found = new Dictionary<string, StoredWrite>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = register });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var write = new StoredWrite(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : new EntryRange(reader.GetInt64(1), reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : new EntryRange(reader.GetInt64(3), reader.GetInt64(4)),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetString(7));
            found[write.IdempotencyKey] = write;
        }

        return found;
    }
}
