using System.Text.Json;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Server.Items;
using Registers.Server.Storage;

namespace Registers.Server.Registers;

/// <summary>What a register says about itself: the sizes of its logs, its latest checkpoint and its metadata (the records of its system log).</summary>
/// <param name="Name">The register's name.</param>
/// <param name="TotalEntries">Entries in the user log.</param>
/// <param name="TotalRecords">Keys in the user log.</param>
/// <param name="LastUpdated">The timestamp of the last user entry, if any.</param>
/// <param name="SystemEntries">Entries in the system log.</param>
/// <param name="Checkpoint">The latest signed checkpoint of the user log.</param>
/// <param name="Metadata">The current item of each system key (<c>custodian</c>, <c>register:&lt;name&gt;</c>, <c>field:&lt;field&gt;</c>, ...).</param>
public sealed record RegisterSummary(
    string Name,
    long TotalEntries,
    long TotalRecords,
    string? LastUpdated,
    long SystemEntries,
    string? Checkpoint,
    IReadOnlyDictionary<string, ItemJson> Metadata)
{
    private const string FieldPrefix = "field:";

    /// <summary>The register's own record in the register register (<c>register:&lt;name&gt;</c>).</summary>
    public ItemJson? RegisterItem => Metadata.TryGetValue("register:" + Name, out var item) ? item : null;

    /// <summary>The custodian's name.</summary>
    public string? Custodian => Attribute("custodian", "custodian");

    /// <summary>The register's human name (<c>register-name</c>).</summary>
    public string? Title => Attribute("register-name", "register-name");

    /// <summary>The register's fields in its own order (the register item's <c>fields</c>), else its field definitions by name.</summary>
    public IReadOnlyList<string> Fields =>
        RegisterItem?.Attributes().FirstOrDefault(a => a.Name == "fields").Values is { Length: > 0 } listed
            ? listed
            : [.. Metadata.Keys.Where(key => key.StartsWith(FieldPrefix, StringComparison.Ordinal)).Select(key => key[FieldPrefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="field"/> is one of the register's fields (defined or listed).</summary>
    public bool HasField(string field) => Metadata.ContainsKey(FieldPrefix + field) || Fields.Contains(field);

    /// <summary>
    /// Whether <paramref name="field"/> is a field of the system log: a metadata field, or one that a metadata item holds
    /// (as the system log takes items the metadata fields do not cover, nothing it holds is called unknown).
    /// </summary>
    public bool HasSystemField(string field) =>
        MetadataFields.All.Contains(field) || Metadata.Values.Any(item => item.Attributes().Any(attribute => attribute.Name == field));

    private string? Attribute(string key, string attribute) =>
        Metadata.TryGetValue(key, out var item) ? item.Attributes().FirstOrDefault(a => a.Name == attribute).Values?.FirstOrDefault() : null;
}

/// <summary>Reads a register's summary in one statement.</summary>
public sealed class RegisterSummaryReader(ReadDatabase database)
{
    private static readonly string SummarySql = $"""
        SELECT h.data::text, c.note, m.keys, m.contents
        FROM {StorageSchema.Name}.mt_doc_registerhead h
        LEFT JOIN LATERAL (
            SELECT note FROM {StorageSchema.Name}.checkpoints WHERE register = $1 AND log = {(short)EntryLog.User} ORDER BY size DESC LIMIT 1) c ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(r.key ORDER BY r.key) AS keys, array_agg(i.content ORDER BY r.key) AS contents
            FROM {StorageSchema.Name}.records r
            LEFT JOIN {StorageSchema.Name}.items i ON i.register = r.register AND i.hash = substring(r.item_hashes FROM 1 FOR 32)
            WHERE r.register = $1 AND r.log = {(short)EntryLog.System}) m ON true
        WHERE h.id = $1
        """;

    /// <summary>The summary of <paramref name="register"/>, or null when there is no such register.</summary>
    public async Task<RegisterSummary?> ReadAsync(string register, CancellationToken cancellation)
    {
        await using var command = ReadSql.Command(database, SummarySql, register);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
        {
            return null;
        }

        using var head = JsonDocument.Parse(reader.GetString(0));
        var user = head.RootElement.GetProperty("user");
        var metadata = new Dictionary<string, ItemJson>(StringComparer.Ordinal);
        if (!reader.IsDBNull(2))
        {
            var keys = reader.GetFieldValue<string[]>(2);
            var contents = reader.GetFieldValue<string?[]>(3);
            for (var i = 0; i < keys.Length; i++)
            {
                if (contents[i] is { } content)
                {
                    metadata[keys[i]] = new ItemJson(content);
                }
            }
        }

        return new RegisterSummary(
            register,
            user.GetProperty("size").GetInt64(),
            user.GetProperty("records").GetInt64(),
            user.TryGetProperty("lastTimestamp", out var last) && last.ValueKind == JsonValueKind.String ? last.GetString() : null,
            head.RootElement.GetProperty("system").GetProperty("size").GetInt64(),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            metadata);
    }
}
