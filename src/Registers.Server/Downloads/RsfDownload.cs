using System.IO.Pipelines;
using System.Text;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Rsf;
using Registers.Server.Storage;

namespace Registers.Server.Downloads;

/// <summary>
/// Writes the RSF of user entries <c>from + 1</c> to <c>to</c> into the response as it reads them from PostgreSQL:
/// the root at <c>from</c>, every item the range cites (once), the range's system entries each placed before the
/// user entries of its write (see <see cref="RsfRange"/>), its user entries, and the root at <c>to</c>. The first line
/// goes out before any query runs, and memory holds one buffer whatever the size of the range.
/// </summary>
public sealed class RsfDownload(RsfRange range, string register, long from, long to) : IResult
{
    /// <summary>The media type GOV.UK gave RSF.</summary>
    public const string MediaType = "application/uk-gov-rsf";

    private const int FlushThreshold = 64 * 1024;

    // Items cited in the range, each once, in the order they are first cited (system entries first).
    private static readonly string ItemsSql = $"""
        SELECT i.content FROM (
            SELECT c.hash, min(c.position) AS first FROM (
                SELECT substring(e.item_hashes FROM k * 32 + 1 FOR 32) AS hash,
                       ((1 - e.log)::bigint << 61) | (e.number << 20) | k::bigint AS position
                FROM {StorageSchema.Name}.entries e, generate_series(0, octet_length(e.item_hashes) / 32 - 1) AS k
                WHERE e.register = $1 AND e.log = {(short)EntryLog.System} AND e.number > $2 AND e.number <= $3
                UNION ALL
                SELECT substring(e.item_hashes FROM k * 32 + 1 FOR 32), ((1 - e.log)::bigint << 61) | (e.number << 20) | k::bigint
                FROM {StorageSchema.Name}.entries e, generate_series(0, octet_length(e.item_hashes) / 32 - 1) AS k
                WHERE e.register = $1 AND e.log = {(short)EntryLog.User} AND e.number > $4 AND e.number <= $5) c
            GROUP BY c.hash) f
        JOIN {StorageSchema.Name}.items i ON i.register = $1 AND i.hash = f.hash
        ORDER BY f.first
        """;

    private static readonly string EntriesSql = $"""
        SELECT number, key, timestamp, item_hashes FROM {StorageSchema.Name}.entries
        WHERE register = $1 AND log = {(short)EntryLog.User} AND number > $2 AND number <= $3 ORDER BY number
        """;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = MediaType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{register}-{from}-{to}.rsf\"";
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        var cancellation = httpContext.RequestAborted;
        var body = response.BodyWriter;
        using var rsf = new RsfWriter(body);
        rsf.WriteAssertRootHash(await range.RootAsync(register, from, cancellation));
        await body.FlushAsync(cancellation);
        if (from == to)
        {
            return;
        }

        await using var connection = await range.OpenAsync(cancellation);
        var systemFrom = await range.SystemSizeAtAsync(connection, register, from, cancellation);
        var systemTo = await range.SystemSizeAtAsync(connection, register, to, cancellation);
        var system = await range.SystemEntriesAsync(connection, register, systemFrom, systemTo, cancellation);

        await using (var items = ReadSql.Command(connection, ItemsSql, register, systemFrom, systemTo, from, to))
        await using (var reader = await items.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                rsf.Write(RsfCommand.AddItem(Encoding.UTF8.GetBytes(reader.GetString(0))));
                await FlushIfFullAsync(body, cancellation);
            }
        }

        var next = 0;
        void PlaceSystemEntries(long userSize)
        {
            for (; next < system.Count && system[next].UserSize <= userSize; next++)
            {
                var entry = system[next];
                rsf.WriteAppendEntry(EntryLog.System, entry.Key, entry.Timestamp, entry.ItemHashes);
            }
        }

        PlaceSystemEntries(from);
        await using (var entries = ReadSql.Command(connection, EntriesSql, register, from, to))
        await using (var reader = await entries.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var number = reader.GetInt64(0);
                rsf.WriteAppendEntry(EntryLog.User, reader.GetString(1), ReadSql.Timestamp(reader, 2), ReadSql.Hashes(reader.GetFieldValue<byte[]>(3)));
                PlaceSystemEntries(number);
                await FlushIfFullAsync(body, cancellation);
            }
        }

        rsf.WriteAssertRootHash(await range.RootAsync(register, to, cancellation));
        await body.FlushAsync(cancellation);
    }

    private static async ValueTask FlushIfFullAsync(PipeWriter body, CancellationToken cancellation)
    {
        if (!body.CanGetUnflushedBytes || body.UnflushedBytes >= FlushThreshold)
        {
            await body.FlushAsync(cancellation);
        }
    }
}
