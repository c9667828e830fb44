using System.Text.Json;
using Npgsql;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Storage;

namespace Registers.Server.Signatures;

/// <summary>A custodian key as a register's system log lists it: allowed, or revoked since.</summary>
/// <param name="Register">The register whose system log lists the key.</param>
/// <param name="Key">The custodian's public key.</param>
/// <param name="Revoked">Whether the latest entry for the key revoked it.</param>
/// <param name="Item">The current item, as stored.</param>
public sealed record CustodianKeyGrant(string Register, VerifierKey Key, bool Revoked, string Item);

/// <summary>
/// Finds custodian keys by key id in the registers' system logs: the current record of each
/// <c>custodian-key:&lt;key id&gt;</c> says whether the key may write that register.
/// </summary>
public sealed class CustodianKeyStore(NpgsqlDataSource database)
{
    /// <summary>The attribute of a custodian-key item holding the verifier key.</summary>
    public const string KeyAttribute = "custodian-key";

    private static readonly string GrantsSql = $"""
        SELECT r.register, i.content FROM {StorageSchema.Name}.records r
        JOIN {StorageSchema.Name}.items i ON i.register = r.register AND i.hash = substring(r.item_hashes FROM 1 FOR 32)
        WHERE r.log = {(short)EntryLog.System} AND r.key = $1
        """;

    /// <summary>Every register's grant of the key with <paramref name="keyId"/> (eight hex digits).</summary>
    public async Task<IReadOnlyList<CustodianKeyGrant>> FindAsync(string keyId, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(GrantsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = EntryKey.CustodianKeyPrefix + keyId });
        var grants = new List<CustodianKeyGrant>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            if (Parse(reader.GetString(1)) is { } grant)
            {
                grants.Add(new CustodianKeyGrant(reader.GetString(0), grant.Key, grant.Revoked, reader.GetString(1)));
            }
        }

        return grants;
    }

    /// <summary>
    /// Whether <paramref name="register"/> lists a key with <paramref name="keyId"/>, not revoked, read on the connection of
    /// a transaction that holds the register's lock (revocations take it too): what a signature was let in by may have
    /// changed while the write waited or was received.
    /// </summary>
    public static async Task<bool> ListsAsync(NpgsqlConnection connection, string register, string keyId, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(GrantsSql + " AND r.register = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = EntryKey.CustodianKeyPrefix + keyId[(keyId.LastIndexOf('+') + 1)..] });
        command.Parameters.Add(new NpgsqlParameter { Value = register });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            if (Parse(reader.GetString(1)) is { Revoked: false } grant && HttpSignatureKeyIds.Of(grant.Key) == keyId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The system entry key a register lists <paramref name="key"/> under: the eight hex digits of its key id.</summary>
    public static string EntryKeyOf(VerifierKey key)
    {
        var keyId = HttpSignatureKeyIds.Of(key);
        return EntryKey.CustodianKeyPrefix + keyId[(keyId.LastIndexOf('+') + 1)..];
    }

    /// <summary>Reads a custodian-key item; null if it is not one (history may hold anything).</summary>
    public static (VerifierKey Key, bool Revoked)? Parse(string item)
    {
        using var json = JsonDocument.Parse(item);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(KeyAttribute, out var key)
            && key.ValueKind == JsonValueKind.String && VerifierKey.TryParse(key.GetString(), out var parsed)
            ? (parsed, json.RootElement.TryGetProperty("end-date", out _))
            : null;
    }
}
