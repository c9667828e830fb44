using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Server.Writes;

namespace Registers.Server.Storage;

/// <summary>
/// SQL the read endpoints share. Every read is one statement, so what it says about a register (its size, its
/// records, their items) comes from one snapshot: a record is never newer than the tree size it is reported at.
/// </summary>
internal static class ReadSql
{
    /// <summary>
    /// A <c>head</c> CTE: one row with the size of log <c>$2</c> of register <c>$1</c> (see <see cref="LogSize"/>).
    /// </summary>
    public static readonly string Head = $"head AS ({LogSize("$1", "$2")})";

    /// <summary>
    /// A query for one row with the column <c>size</c>: the size of log <paramref name="log"/> of register
    /// <paramref name="register"/>, from the head the writer keeps in the same transaction as the entries; no row when
    /// the register does not exist.
    /// </summary>
    public static string LogSize(string register, string log) => $"""
        SELECT (data -> (CASE WHEN {log} = {(short)EntryLog.User} THEN 'user' ELSE 'system' END) ->> 'size')::bigint AS size
        FROM {StorageSchema.Name}.mt_doc_registerhead WHERE id = {register}
        """;

    /// <summary>
    /// The contents of the items an entry cites, in its order, as a <c>text[]</c>; <paramref name="hashes"/> is its
    /// <c>item_hashes</c> and <paramref name="register"/> its register. Each item is a scalar subquery, so it is always
    /// one index probe: as a join, the planner (guessing 1,000 rows from <c>generate_series</c>) hashes every item of the
    /// register instead.
    /// </summary>
    public static string ItemsOf(string hashes, string register = "$1") => $"""
        ARRAY(SELECT (SELECT i.content FROM {StorageSchema.Name}.items i WHERE i.register = {register} AND i.hash = substring({hashes} FROM k * 32 + 1 FOR 32))
              FROM generate_series(0, octet_length({hashes}) / 32 - 1) AS k ORDER BY k)
        """;

    /// <summary>The size of the first checkpoint that covers entry <paramref name="number"/>: the end of the write that appended it.</summary>
    public static string SignedAt(string number) => $"""
        (SELECT c.size FROM {StorageSchema.Name}.checkpoints c
         WHERE c.register = $1 AND c.log = $2 AND c.size >= {number} ORDER BY c.size LIMIT 1)
        """;

    /// <summary>A command with positional parameters <c>$1</c>, <c>$2</c>, ... taking <paramref name="values"/> in order.</summary>
    public static NpgsqlCommand Command(ReadDatabase database, string sql, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(database);
        var command = database.Source.CreateCommand(sql);
        Add(command, values);
        return command;
    }

    /// <summary>A command on an open connection (for reads that run several statements on one connection).</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        Add(command, values);
        return command;
    }

    /// <summary>Splits stored item hashes (32 bytes each, concatenated).</summary>
    public static Digest[] Hashes(byte[] concatenated) => WriteContextReader.Split(concatenated);

    /// <summary>An entry's timestamp as stored.</summary>
    public static EntryTimestamp Timestamp(NpgsqlDataReader reader, int ordinal) =>
        EntryTimestamp.From(reader.GetFieldValue<DateTimeOffset>(ordinal));

    private static void Add(NpgsqlCommand command, object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }
}
