using Npgsql;
using Registers.Server.Database;
using Registers.Server.Hosting;

namespace Registers.Server.Storage;

/// <summary>
/// A schema change the database refused to the server's user (no right to make the schema or its tables) or to anyone (a
/// standby, or a database set read-only): the operator's to fix, so said in one line with what to grant, rather than as
/// Marten's failure, which prints every statement of the schema and a stack trace.
/// </summary>
internal static class SchemaRefusal
{
    private const string InsufficientPrivilege = "42501";
    private const string ReadOnlyTransaction = "25006";

    /// <summary>Whether <paramref name="failure"/> is such a refusal.</summary>
    public static bool Explains(Exception failure) => Find(failure) is not null;

    /// <summary>The refusal in <paramref name="failure"/>'s chain (see <see cref="Explains"/>) as a start-up failure naming the database and what it needs.</summary>
    public static async Task<StartupException> DescribeAsync(Exception failure, RegisterDatabase database, NpgsqlDataSource pool)
    {
        var refusal = Find(failure) ?? throw new ArgumentException("Not a refused schema change.", nameof(failure));
        var remedy = refusal.SqlState == ReadOnlyTransaction
            ? "The database takes no writes (a standby, or default_transaction_read_only set): configure the primary."
            : await GrantNeededAsync(pool);
        return new StartupException(
            $"Cannot set up the server's tables (schema {StorageSchema.Name}) in {database.Description}: {refusal.SqlState}: {refusal.MessageText}. {remedy}", failure);
    }

    private static PostgresException? Find(Exception failure)
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: InsufficientPrivilege or ReadOnlyTransaction } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    // Named as the database knows them: the connection string may leave the user or the database to defaults.
    private static async Task<string> GrantNeededAsync(NpgsqlDataSource pool)
    {
        const string general = $"The user must own the schema {StorageSchema.Name}, or be allowed to make it (CREATE on the database).";
        try
        {
            await using var command = pool.CreateCommand("SELECT current_database(), current_user");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (name, user) = (Quoted(reader.GetString(0)), Quoted(reader.GetString(1)));
            return $"{general} Run GRANT CREATE ON DATABASE {name} TO {user} as the database's owner, or configure a user that owns the database.";
        }
        catch (NpgsqlException)
        {
            return general;
        }
    }

    private static string Quoted(string identifier) =>
        identifier.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_') && !char.IsDigit(identifier[0])
            ? identifier
            : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
