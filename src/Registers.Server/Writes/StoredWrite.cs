using Npgsql;
using Registers.Server.Storage;

namespace Registers.Server.Writes;

/// <summary>
/// A committed write found by its idempotency key: who signed it, what it took, the sizes it was committed at, and the
/// digest of its signed body.
/// </summary>
public sealed record StoredWrite(string? Signer, string IdempotencyKey, EntryRange? User, EntryRange? System, long UserSize, long SystemSize, string? ContentDigest = null)
{
    private static readonly string Sql = $"""
        SELECT key_id, idempotency_key, user_first, user_last, system_first, system_last, user_size, system_size, signature->'Fields'->>'content-digest'
        FROM {StorageSchema.Name}.writes WHERE register = $1 AND idempotency_key = ANY($2)
        """;

    /// <summary>The key it is found by: its idempotency key, its signer's own.</summary>
    public ScopedIdempotencyKey ScopedKey => new(Signer, IdempotencyKey);

    /// <summary>The write of <paramref name="register"/> its signer committed under <paramref name="key"/>, if any.</summary>
    public static async Task<StoredWrite?> FindAsync(NpgsqlConnection connection, string register, ScopedIdempotencyKey key, CancellationToken cancellation) =>
        (await FindAsync(connection, register, [key.Key], cancellation)).SingleOrDefault(write => write.ScopedKey == key);

    /// <summary>
    /// The stored writes of <paramref name="register"/> with any of <paramref name="keys"/>, whoever signed them: at most one
    /// for each signer and key.
    /// </summary>
    public static async Task<IReadOnlyList<StoredWrite>> FindAsync(NpgsqlConnection connection, string register, IReadOnlyCollection<string> keys, CancellationToken cancellation)
    {
        var found = new List<StoredWrite>();
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
            found.Add(new StoredWrite(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : new EntryRange(reader.GetInt64(2), reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : new EntryRange(reader.GetInt64(4), reader.GetInt64(5)),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return found;
    }
}
