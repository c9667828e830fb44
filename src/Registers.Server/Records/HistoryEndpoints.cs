using Registers.Protocol.Entries;
using Registers.Server.Entries;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;

namespace Registers.Server.Records;

/// <summary>
/// GOV.UK's trail of a record, <c>/records/{key}/entries</c>: every entry of the key, oldest first, for both logs;
/// paged here by <c>page-index</c> and <c>page-size</c> (GOV.UK gave them all at once, and its clients read no <c>Link</c>
/// header: unasked, a page holds 5,000, the most a page may), and readable <c>?as-of=N</c>: the
/// entries the first N of the log made.
/// </summary>
public static class HistoryEndpoints
{
    // GOV.UK gave a history whole, so unasked a page holds the most it may; the document is told so with the endpoint.
    private const int DefaultPageSize = Paging.MaxSize;

    /// <summary>Maps the history routes for both logs.</summary>
    public static void MapRecordHistory(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, log) in LogRoutes.All)
        {
            routes.MapGroup(prefix).WithTags("Records").MapRead("/records/{key}/entries",
                    (string name, string key, [AsParameters] RecordQuery query, HttpContext context, EntryReader reader, CancellationToken cancellation) =>
                        HistoryAsync(name, log, RawPathValue.Of(context, "key", key), query, context, reader, cancellation))
                .Describe("getRecordHistory" + (log == EntryLog.System ? "System" : ""), $"Every entry of one key of the {log.ToWireName()} log, oldest first",
                    "GOV.UK's record trail, paged by `page-index` and `page-size` (default 5,000, the most a page may: GOV.UK gave a history whole) with `Link` headers; `as-of` gives the entries made by that tree size. Each entry carries its chain hash and links to its items and inclusion proof.")
                .AnswersEntries()
                .SendsPageLinks()
                .SendsTreeSize()
                .WithMetadata(new ParameterDefault("page-size", DefaultPageSize));
        }
    }

    private static async Task<IResult> HistoryAsync(string name, EntryLog log, string key, RecordQuery query, HttpContext context, EntryReader reader, CancellationToken cancellation)
    {
        if (!Representation.TryChoose(context, csv: true, out var format, out var problem) ||
            !Paging.TryIndexAndSize(query.PageIndex, query.PageSize, out var page, out problem, defaultSize: DefaultPageSize) ||
            !Paging.TryAsOf(query.AsOf, out var asOf, out problem))
        {
            return problem;
        }

        var slice = await reader.HistoryAsync(name, log, key, page, asOf, cancellation);
        if (slice.Size is not { } size)
        {
            return Parameters.UnknownRegister(name);
        }

        if (asOf > size)
        {
            return ReadRoutes.NoSuchSize(name, asOf.Value, size);
        }

        var at = asOf ?? size;

        if (slice.Entries.Count == 0)
        {
            // Past the first page, look again from the start: a key with no entries at all is an unknown record, not a short history.
            var known = page.Offset > 0 && (await reader.HistoryAsync(name, log, key, new Page(0, 1), asOf, cancellation)).Entries.Count > 0;
            return known
                ? ReadRoutes.NotFound("No such page", $"'{key}' has fewer than {page.Offset + 1} entries.")
                : ReadRoutes.NotFound("Unknown record", $"The {log.ToWireName()} log of '{name}' has no record '{key}' at tree size {at}.");
        }

        var more = slice.Entries.Count > page.Size;
        Paging.LinkByIndex(context, page, more);
        ReadRoutes.TreeSize(context, at);
        // Entries never change, so a history as of a size is immutable, in either format.
        var tag = $"history-{at}.{format.Suffix()}";
        return (asOf is null ? HttpCaching.Revalidate(context, tag, linked: true) : HttpCaching.Immutable(context, tag, linked: true))
            ? HttpCaching.NotModified()
            : EntryResource.Respond([.. slice.Entries.Take(page.Size)], format, context, name, log);
    }
}
