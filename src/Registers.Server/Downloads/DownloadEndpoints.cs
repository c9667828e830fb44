using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Registers.Protocol.Entries;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;
using Registers.Server.Records;
using Registers.Server.Registers;
using Registers.Server.Storage;

namespace Registers.Server.Downloads;

/// <summary>
/// Whole-register downloads, streamed: GOV.UK's <c>/download-rsf</c>, <c>/download-rsf/{n}</c> (from user size n to
/// now) and <c>/download-rsf/{n}/{m}</c> (a fixed range: immutable), each a true patch that carries the metadata
/// written in its range; <c>/download-csv</c>, every record as CSV; and <c>/download-register</c>, GOV.UK's ZIP archive.
/// </summary>
public static class DownloadEndpoints
{
    /// <summary>How long a client is asked to wait when every archive slot is taken: an archive of a few thousand files takes about that.</summary>
    private const int ArchiveRetrySeconds = 5;

    /// <summary>Maps the download routes.</summary>
    public static void MapDownloads(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/registers/{name}").WithTags("Downloads");
        const string Rsf = "RSF (`application/uk-gov-rsf`): `assert-root-hash` of the tree at the start, `add-item` for every item the range cites, its `append-entry` lines (system entries before the user entries of the write that made them), and `assert-root-hash` at the end. Streamed as it is read.";
        group.MapRead("/download-rsf", (string name, HttpContext context, RsfRange range, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                RsfAsync(name, "0", null, context, range, summaries, cancellation))
            .Describe("downloadRsf", "The whole register as RSF",
                Rsf + " The same as `/download-rsf/0/{size}` at the current size; metadata written after the last user entry travels with the next one.")
            .AnswersDownload(RsfDownload.MediaType, Examples.Rsf);
        group.MapRead("/download-rsf/{total-entries-1}", (string name, [FromRoute(Name = "total-entries-1")] string from, HttpContext context, RsfRange range, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                RsfAsync(name, from, null, context, range, summaries, cancellation))
            .Describe("downloadRsfFrom", "What a client holding the first n user entries lacks, as RSF",
                Rsf + " From user size `total-entries-1` to the current size, metadata included (GOV.UK left it out).")
            .AnswersDownload(RsfDownload.MediaType, Examples.Rsf);
        group.MapRead("/download-rsf/{total-entries-1}/{total-entries-2}", (string name, [FromRoute(Name = "total-entries-1")] string from, [FromRoute(Name = "total-entries-2")] string to, HttpContext context, RsfRange range, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                RsfAsync(name, from, to, context, range, summaries, cancellation))
            .Describe("downloadRsfRange", "The patch from user size n to user size m, as RSF",
                Rsf + " A fixed range never changes: immutable, with a strong ETag.")
            .AnswersDownload(RsfDownload.MediaType, Examples.Rsf);
        group.MapRead("/download-csv", (string name, HttpContext context, RecordReader records, RecordItems items, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                CsvAsync(name, context, records, items, summaries, cancellation))
            .Describe("downloadCsv", "Every record as CSV",
                "The records at the current tree size (named in `Register-Tree-Size`), in key order, as `/records.csv` writes them; streamed a page at a time.")
            .AnswersDownload("text/csv", Examples.RecordsCsv)
            .SendsTreeSize();
        group.MapRead("/download-register", (string name, HttpContext context, RegisterSummaryReader summaries, ReadDatabase database, LogSigner signer, ServerOptions options, ArchiveSlots slots, CancellationToken cancellation) =>
                ArchiveAsync(name, context, summaries, database, signer, options, slots, cancellation))
            .Describe("downloadRegister", "The register as a ZIP archive, laid out as GOV.UK's",
                $"`register.json` (the register resource), `item/{{hex}}.json` for every item its user entries cite, and `entry/{{n}}.json` for every user entry (GOV.UK's entry object), all at the size `register.json` states (also in `Register-Tree-Size`). Streamed as it is read. An archive of more than {RegisterArchive.MaxFiles:N0} files (entries and the items they cite) is refused (403): download the register as RSF. Only `ConcurrentArchives` (2 by default) are written at once: one more is a 503 with `Retry-After`.")
            .Produces<Stream>(StatusCodes.Status200OK, RegisterArchive.MediaType)
            .SendsAttachment()
            .SendsTreeSize()
            .AnswersNotModified()
            .ReadProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ArchiveAsync(
        string name, HttpContext context, RegisterSummaryReader summaries, ReadDatabase database, LogSigner signer, ServerOptions options, ArchiveSlots slots, CancellationToken cancellation)
    {
        if (Representation.RefuseOtherSuffix(context, null, $"a ZIP archive ({RegisterArchive.MediaType})") is { } refused)
        {
            return refused;
        }

        if (await summaries.ReadAsync(name, cancellation) is not { } summary)
        {
            return Parameters.UnknownRegister(name);
        }

        // Counted only up to where it matters: a register of more entries than that has more files too.
        var files = summary.TotalEntries > RegisterArchive.MaxFiles ? summary.TotalEntries : await RegisterArchive.FilesAtMostAsync(database, name, summary.TotalEntries, cancellation);
        if (files > RegisterArchive.MaxFiles)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "Register too large for an archive",
                $"'{name}' would be an archive of {files:N0} files (its entries and the items they cite); archives hold at most {RegisterArchive.MaxFiles:N0}. " +
                $"Download it as RSF instead: {RegisterAddressing.RegisterBase(context, name)}/download-rsf.");
        }

        ReadRoutes.TreeSize(context, summary.TotalEntries);
        if (HttpCaching.Revalidate(context, $"archive-{summary.TotalEntries}-{summary.SystemEntries}"))
        {
            return HttpCaching.NotModified();
        }

        // A HEAD writes no archive, so it takes no slot.
        var resource = RegisterResource.Of(summary, signer, options);
        IDisposable? slot = null;
        if (!HttpMethods.IsHead(context.Request.Method) && (slot = slots.TryTake()) is null)
        {
            // Not the archive's answer, so neither its ETag nor a cache's to keep.
            context.Response.Headers.Remove(HeaderNames.ETag);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.RetryAfter = ArchiveRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "Archives busy",
                $"{options.ConcurrentArchives} archives are being written, the most at once; try again in {ArchiveRetrySeconds} s, or download the register as RSF: {RegisterAddressing.RegisterBase(context, name)}/download-rsf.");
        }

        if (slot is not null)
        {
            context.Response.RegisterForDispose(slot); // should the archive never be written; giving a slot back twice is nothing
        }

        return new RegisterArchive(database, name, resource, slot);
    }

    private static async Task<IResult> RsfAsync(
        string name, string fromText, string? toText, HttpContext context, RsfRange range, RegisterSummaryReader summaries, CancellationToken cancellation)
    {
        if (Representation.RefuseOtherSuffix(context, null, $"RSF ({RsfDownload.MediaType})") is { } refused)
        {
            return refused;
        }

        if (!Parameters.TryNumber(fromText, "total-entries-1", 0, out var from, out var problem))
        {
            return problem;
        }

        long? to = null;
        if (toText is not null)
        {
            if (!Parameters.TryNumber(toText, "total-entries-2", from, out var fixedEnd, out problem))
            {
                return problem;
            }

            to = fixedEnd;
        }

        if (await summaries.ReadAsync(name, cancellation) is not { } summary)
        {
            return Parameters.UnknownRegister(name);
        }

        var size = summary.TotalEntries;
        if (Math.Max(from, to ?? 0) > size)
        {
            return ReadRoutes.NoSuchSize(name, Math.Max(from, to ?? 0), size);
        }

        var end = to ?? size;
        var tag = $"rsf-{from}-{end}";
        var current = to is null ? HttpCaching.Revalidate(context, tag) : HttpCaching.Immutable(context, tag);
        return current ? HttpCaching.NotModified() : new RsfDownload(range, name, from, end);
    }

    private static async Task<IResult> CsvAsync(string name, HttpContext context, RecordReader records, RecordItems items, RegisterSummaryReader summaries, CancellationToken cancellation)
    {
        if (Representation.RefuseOtherSuffix(context, "csv", "CSV (text/csv)") is { } refused)
        {
            return refused;
        }

        if (await summaries.ReadAsync(name, cancellation) is not { } summary)
        {
            return Parameters.UnknownRegister(name);
        }

        var size = summary.TotalEntries;
        ReadRoutes.TreeSize(context, size);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{size}.csv\"";
        if (HttpCaching.Revalidate(context, $"records-{size}.csv-metadata-{summary.SystemEntries}"))
        {
            return HttpCaching.NotModified();
        }

        return new CsvResult((csv, flush, token) => RecordResource.WriteCsvAsync(csv, EveryRecordAsync(name, size, records, items, token), summary.Fields, flush, token));
    }

    /// <summary>Every record at tree size <paramref name="size"/>, in key order, read a page at a time.</summary>
    private static async IAsyncEnumerable<StoredRecord> EveryRecordAsync(
        string name, long size, RecordReader records, RecordItems items, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var after = "";
        while (true)
        {
            var page = await records.PageAsync(name, EntryLog.User, new Page(0, Paging.MaxSize), size, null, after, cancellation);
            await foreach (var record in items.ReadAsync(name, [.. page.Rows.Take(Paging.MaxSize)], cancellation))
            {
                yield return record;
            }

            if (page.Rows.Count <= Paging.MaxSize)
            {
                yield break;
            }

            after = page.Rows[Paging.MaxSize - 1].Key;
        }
    }
}
