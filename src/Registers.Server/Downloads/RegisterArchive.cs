using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Registers.Protocol.Entries;
using Registers.Server.Registers;
using Registers.Server.Storage;

namespace Registers.Server.Downloads;

/// <summary>
/// GOV.UK's <c>/download-register</c>: the register at one size as a ZIP archive, laid out as GOV.UK's server laid it
/// out: <c>register.json</c> (the register resource), <c>item/{hex}.json</c> for every item the user entries cite (its
/// canonical JSON as stored) and <c>entry/{n}.json</c> for every user entry (GOV.UK's entry object). Streamed as it is
/// read; entries and items never change, so everything in it belongs to the size the register resource states. Its files
/// come in a fixed order and are dated as the register's last entry, not as the download, so the archive of a size is the
/// same bytes whenever it is asked for, as its strong ETag promises.
/// </summary>
/// <remarks>
/// A ZIP ends with a directory of every file in it, so the writer keeps a few hundred bytes a file until the end
/// (measured: some 450 bytes a file, with .NET 10). Archives of more than <see cref="MaxFiles"/> files are refused, pointing to RSF.
/// </remarks>
public sealed class RegisterArchive(ReadDatabase database, string register, RegisterResource resource, IDisposable? slot = null) : IResult
{
    /// <summary>The most files an archive is made of (entries and the items they cite): its directory then stays under some 90 MB.</summary>
    public const long MaxFiles = 200_000;

    private static readonly string FilesSql = $"""
        SELECT count(*) + coalesce(sum(octet_length(item_hashes) / 32), 0) FROM {StorageSchema.Name}.entries
        WHERE register = $1 AND log = {(short)EntryLog.User} AND number <= $2
        """;

    /// <summary>At most how many files the archive of <paramref name="register"/> at <paramref name="size"/> holds: an entry each, and an item each citation.</summary>
    public static async Task<long> FilesAtMostAsync(ReadDatabase database, string register, long size, CancellationToken cancellation)
    {
        await using var command = ReadSql.Command(database, FilesSql, register, size);
        return (long)(await command.ExecuteScalarAsync(cancellation) ?? 0L);
    }

    /// <summary>The archive's media type.</summary>
    public const string MediaType = "application/zip";

    private static readonly string ItemsSql = $"""
        SELECT i.hash, i.content FROM {StorageSchema.Name}.items i
        WHERE i.register = $1 AND i.hash IN (
            SELECT substring(e.item_hashes FROM k * 32 + 1 FOR 32)
            FROM {StorageSchema.Name}.entries e, generate_series(0, octet_length(e.item_hashes) / 32 - 1) AS k
            WHERE e.register = $1 AND e.log = {(short)EntryLog.User} AND e.number <= $2)
        ORDER BY i.hash
        """;

    private static readonly string EntriesSql = $"""
        SELECT number, key, timestamp, item_hashes FROM {StorageSchema.Name}.entries
        WHERE register = $1 AND log = {(short)EntryLog.User} AND number <= $2 ORDER BY number
        """;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        // The archive slot (ArchiveSlots) is given back once written, whole or not: a read run again takes another.
        using (slot)
        {
            await WriteAsync(httpContext);
        }
    }

    private async Task WriteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = MediaType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{register}-{resource.TotalEntries}.zip\"";
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        var cancellation = httpContext.RequestAborted;
        var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var dated = FileDate(resource.LastUpdated);
        await using var output = new BufferedZipOutput(response.Body);
        await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellation))
        {
            await WriteFilesAsync(zip, output, json, dated, cancellation);
        }

        await output.DrainAsync(cancellation); // the directory at the end
    }

    private async Task WriteFilesAsync(ZipArchive zip, BufferedZipOutput output, JsonSerializerOptions json, DateTimeOffset dated, CancellationToken cancellation)
    {
        await AddAsync(zip, "register.json", JsonSerializer.SerializeToUtf8Bytes(resource, json), dated, cancellation);

        await using (var items = ReadSql.Command(database, ItemsSql, register, resource.TotalEntries))
        await using (var reader = await items.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var hex = Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(0));
                await AddAsync(zip, $"item/{hex}.json", Encoding.UTF8.GetBytes(reader.GetString(1)), dated, cancellation);
                await output.DrainIfFullAsync(cancellation);
            }
        }

        await using (var entries = ReadSql.Command(database, EntriesSql, register, resource.TotalEntries))
        await using (var reader = await entries.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var number = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
                var entry = new ArchivedEntry(number, number, ReadSql.Timestamp(reader, 2).ToString(), reader.GetString(1),
                    [.. ReadSql.Hashes(reader.GetFieldValue<byte[]>(3)).Select(hash => hash.ToString())]);
                await AddAsync(zip, $"entry/{number}.json", JsonSerializer.SerializeToUtf8Bytes(entry, json), dated, cancellation);
                await output.DrainIfFullAsync(cancellation);
            }
        }
    }

    /// <summary>
    /// The date of every file: the register's last entry (in UTC; a ZIP's dates have no zone), kept within the dates a
    /// ZIP can hold (1980 to 2107), and the earliest of them for a register without entries.
    /// </summary>
    private static DateTimeOffset FileDate(string? lastUpdated)
    {
        var earliest = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var latest = new DateTimeOffset(2107, 12, 31, 23, 59, 58, TimeSpan.Zero);
        var date = lastUpdated is null ? earliest : EntryTimestamp.Parse(lastUpdated).ToDateTimeOffset();
        return date < earliest ? earliest : date > latest ? latest : date;
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] content, DateTimeOffset dated, CancellationToken cancellation)
    {
        var file = zip.CreateEntry(name, CompressionLevel.Fastest);
        file.LastWriteTime = dated;
        await using var stream = await file.OpenAsync(cancellation);
        await stream.WriteAsync(content, cancellation);
    }
}

/// <summary>An entry in the archive, as GOV.UK's server wrote it there: numbers as strings, <c>item-hash</c> always a list.</summary>
/// <param name="IndexEntryNumber">The entry number again, as a string.</param>
/// <param name="EntryNumber">The entry number, as a string.</param>
/// <param name="EntryTimestamp">When the entry was made.</param>
/// <param name="Key">The key the entry gives items to.</param>
/// <param name="ItemHash">The items, <c>sha-256:&lt;hex&gt;</c>.</param>
public sealed record ArchivedEntry(string IndexEntryNumber, string EntryNumber, string EntryTimestamp, string Key, IReadOnlyList<string> ItemHash);
