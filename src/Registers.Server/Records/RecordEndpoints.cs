using System.Globalization;
using Microsoft.Net.Http.Headers;
using Registers.Protocol.Entries;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;
using Registers.Server.Registers;

namespace Registers.Server.Records;

/// <summary>
/// GOV.UK's record resources for both logs: <c>/records</c> (paged by <c>page-index</c> and <c>page-size</c>),
/// <c>/records/{key}</c> and <c>/records/{field}/{value}</c>, each readable <c>?as-of=N</c> (what the register said
/// at tree size N). Every answer names the tree size it was read at (<c>Register-Tree-Size</c>); at the current
/// size its ETag is tied to that size, and as of an earlier size it never changes.
/// </summary>
public static class RecordEndpoints
{
    /// <summary>Maps the record routes for both logs.</summary>
    public static void MapRecords(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, log) in LogRoutes.All)
        {
            var group = routes.MapGroup(prefix).WithTags("Records");
            var suffix = log == EntryLog.System ? "System" : "";
            group.MapRead("/records", (string name, [AsParameters] RecordQuery query, HttpContext context, RecordReader reader, RecordItems items, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                    PageAsync(name, log, null, query, context, reader, items, summaries, cancellation))
                .Describe("listRecords" + suffix, $"Records of the {log.ToWireName()} log, by key",
                    "GOV.UK's record list: an object keyed by record key, in key order; `page-index` (from 1) and `page-size` (1 to 5,000, default 100), `Link` to the next and previous pages; `as-of` reads the register as it was at that tree size.")
                .AnswersRecords()
                .SendsPageLinks();
            group.MapRead("/records/{key}", (string name, string key, [AsParameters] AsOfQuery query, HttpContext context, RecordLookups reader, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                    OneAsync(name, log, key, query, context, reader, summaries, cancellation))
                .Describe("getRecord" + suffix, $"The record of one key of the {log.ToWireName()} log",
                    "GOV.UK's record resource: an object holding the one record, with `Link: <.../entries>; rel=\"version-history\"`; `as-of` reads it at that tree size.")
                .AnswersRecords()
                .Sends(HeaderNames.Link, "`<.../records/{key}/entries>; rel=\"version-history\"`: the record's history, every entry of its key.");
            group.MapRead("/records/{field}/{value}", (string name, string field, string value, [AsParameters] RecordQuery query, HttpContext context, RecordReader reader, RecordItems items, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                    PageAsync(name, log, new FieldFilter(RawPathValue.Of(context, "field", field), RawPathValue.Of(context, "value", value)), query, context, reader, items, summaries, cancellation))
                .Describe("filterRecords" + suffix, $"Records of the {log.ToWireName()} log whose field holds a value",
                    "GOV.UK's records by attribute value (a list field matches when one of its values does), paged like `/records` and not capped at 100; `as-of` as on `/records`.")
                .AnswersRecords()
                .SendsPageLinks();
        }
    }

    private static async Task<IResult> PageAsync(
        string name, EntryLog log, FieldFilter? filter, RecordQuery query, HttpContext context, RecordReader reader, RecordItems items,
        RegisterSummaryReader summaries, CancellationToken cancellation)
    {
        if (!Representation.TryChoose(context, csv: true, out var format, out var problem) ||
            !Paging.TryIndexAndSize(query.PageIndex, query.PageSize, out var page, out problem) ||
            !Paging.TryAsOf(query.AsOf, out var asOf, out problem))
        {
            return problem;
        }

        var summary = format == ReadFormat.Csv || filter is not null || FieldQueryParameters.AnyOther(context) ? await summaries.ReadAsync(name, cancellation) : null;
        if (summary is not null && FieldQueryParameters.Refusal(context, name, log, summary) is { } refusal)
        {
            return refusal;
        }

        if (filter is not null && summary is not null && log == EntryLog.User && !summary.HasField(filter.Field))
        {
            return ReadRoutes.NotFound("Unknown field", $"'{name}' has no field '{filter.Field}'.");
        }

        if (filter is not null && summary is not null && log == EntryLog.System && !summary.HasSystemField(filter.Field))
        {
            return ReadRoutes.NotFound("Unknown field",
                $"The system log of '{name}' has no field '{filter.Field}': its items are the register's metadata, its field and register definitions and custodian keys.");
        }

        var slice = await reader.PageAsync(name, log, page, asOf, filter, "", cancellation);
        if (slice.Size is not { } size)
        {
            return Parameters.UnknownRegister(name);
        }

        if (asOf > size)
        {
            return ReadRoutes.NoSuchSize(name, asOf.Value, size);
        }

        var more = slice.Rows.Count > page.Size;
        if (page.Offset > 0 && slice.Rows.Count == 0)
        {
            return ReadRoutes.NotFound("No such page", $"Page {(page.Offset / page.Size) + 1} (page-size {page.Size}) starts past the last record.");
        }

        Paging.LinkByIndexAsOf(context, page, more, slice.At);
        if (Cache(context, "records", slice.At, slice.Size, format, asOf is not null, summary))
        {
            return HttpCaching.NotModified();
        }

        var records = items.ReadAsync(name, [.. slice.Rows.Take(page.Size)], cancellation);
        return RecordResource.Respond(records, format, log == EntryLog.User ? summary?.Fields : null);
    }

    private static async Task<IResult> OneAsync(
        string name, EntryLog log, string key, AsOfQuery query, HttpContext context, RecordLookups reader, RegisterSummaryReader summaries, CancellationToken cancellation)
    {
        key = RawPathValue.Of(context, "key", key);
        if (!Representation.TryChoose(context, csv: true, out var format, out var problem) ||
            !Paging.TryAsOf(query.AsOf, out var asOf, out problem))
        {
            return problem;
        }

        var slice = await reader.LookupAsync(name, log, key, asOf, cancellation);
        if (slice.Size is not { } size)
        {
            return Parameters.UnknownRegister(name);
        }

        if (asOf > size)
        {
            return ReadRoutes.NoSuchSize(name, asOf.Value, size);
        }

        if (slice.Records.Count == 0)
        {
            return ReadRoutes.NotFound("Unknown record", $"The {log.ToWireName()} log of '{name}' has no record '{key}' at tree size {slice.At}.");
        }

        // The history of the record read: as of the same size, in the format asked for by suffix.
        var suffix = Representation.TakenSuffix(context) is { } taken ? "." + taken : "";
        var at = asOf is { } given ? string.Create(CultureInfo.InvariantCulture, $"?as-of={given}") : "";
        context.Response.Headers.Append(HeaderNames.Link,
            $"<{RegisterAddressing.LogBase(context, name, log)}/records/{Uri.EscapeDataString(key)}/entries{suffix}{at}>; rel=\"version-history\"");
        var summary = format == ReadFormat.Csv ? await summaries.ReadAsync(name, cancellation) : null;
        if (Cache(context, "record", slice.At, slice.Size, format, asOf is not null, summary))
        {
            return HttpCaching.NotModified();
        }

        return RecordResource.Respond(slice.Records.ToAsyncEnumerable(), format, log == EntryLog.User ? summary?.Fields : null);
    }

    /// <summary>
    /// Names the tree size and sets the cache headers: JSON as of a given size is immutable; at the current size it is
    /// tied to the size. CSV takes its columns from the register's current fields, so it is also tied to the metadata.
    /// </summary>
    private static bool Cache(HttpContext context, string kind, long at, long? size, ReadFormat format, bool asOf, RegisterSummary? summary)
    {
        ReadRoutes.TreeSize(context, at);
        var tag = $"{kind}-{at}.{format.Suffix()}";
        return format == ReadFormat.Json && asOf
            ? HttpCaching.Immutable(context, tag, linked: true)
            : HttpCaching.Revalidate(context, $"{tag}-size-{size}{(format == ReadFormat.Csv ? $"-metadata-{summary?.SystemEntries}" : "")}", linked: true);
    }
}
