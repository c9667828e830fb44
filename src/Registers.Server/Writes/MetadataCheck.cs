using System.Text;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;
using Registers.Server.Registers;
using Registers.Server.Storage;

namespace Registers.Server.Writes;

/// <summary>Reads a register's metadata inside a write's transaction and judges it by <see cref="MetadataCoherence"/>.</summary>
internal static class MetadataCheck
{
    private static readonly string MetadataSql = $"""
        SELECT r.key, i.content FROM {StorageSchema.Name}.records r
        JOIN {StorageSchema.Name}.items i ON i.register = r.register AND i.hash = substring(r.item_hashes FROM 1 FOR 32)
        WHERE r.register = $1 AND r.log = {(short)EntryLog.System} AND (r.key LIKE 'field:%' OR r.key = 'register:' || $1)
        """;

    /// <summary>The rules <paramref name="register"/>'s metadata breaks as the transaction on <paramref name="connection"/> sees it.</summary>
    public static async Task<IReadOnlyList<EntryProblem>> ProblemsAsync(NpgsqlConnection connection, string register, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(MetadataSql, connection) { Parameters = { new() { Value = register } } };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        string? registerItem = null;
        while (await reader.ReadAsync(cancellation))
        {
            var (key, content) = (reader.GetString(0), reader.GetString(1));
            if (!key.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal))
            {
                registerItem = content;
            }

            // As the rules read definitions: by what the item defines, under whatever key history put it.
            else if (FieldDefinition.TryParse(Item.Create(Encoding.UTF8.GetBytes(content)), null, out var field, out _))
            {
                fields.Add(field.Name);
            }
        }

        return [.. MetadataCoherence.Problems(register, fields, registerItem).Select(problem => new EntryProblem(null, null, problem.Key, problem.Rule, problem.Detail))];
    }
}
