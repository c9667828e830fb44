using Microsoft.AspNetCore.Mvc;
using Registers.Protocol.Entries;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;

namespace Registers.Server.Entries;

/// <summary>
/// GOV.UK's entry resources, for the user log under <c>/registers/{name}</c> and the system log under
/// <c>/registers/{name}/system</c>: <c>/entries</c> (paged by <c>start</c> and <c>limit</c>) and <c>/entries/{n}</c>.
/// </summary>
public static class EntryEndpoints
{
    /// <summary>Maps the entry routes for both logs.</summary>
    public static void MapEntries(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, log) in LogRoutes.All)
        {
            var group = routes.MapGroup(prefix).WithTags("Entries");
            var suffix = log == EntryLog.System ? "System" : "";
            group.MapRead("/entries", (string name, [AsParameters] StartAndLimit paging, HttpContext context, EntryReader reader, CancellationToken cancellation) =>
                    ListAsync(name, log, paging, context, reader, cancellation))
                .Describe("listEntries" + suffix, $"Entries of the {log.ToWireName()} log, in order",
                    "GOV.UK's entry list: `start` (from 1) and `limit` (1 to 5,000, default 100); `Link` headers point to the next and previous pages. A full page that has a next page never changes and is cached as immutable.")
                .AnswersEntries()
                .SendsPageLinks();
            group.MapRead("/entries/{entry-number}", (string name, [FromRoute(Name = "entry-number")] string number, HttpContext context, EntryReader reader, CancellationToken cancellation) =>
                    OneAsync(name, log, number, context, reader, cancellation))
                .Describe("getEntry" + suffix, $"One entry of the {log.ToWireName()} log",
                    "GOV.UK's entry resource: a list holding the one entry. Immutable.")
                .AnswersEntries();
        }
    }

    private static async Task<IResult> ListAsync(string name, EntryLog log, StartAndLimit paging, HttpContext context, EntryReader reader, CancellationToken cancellation)
    {
        if (!Representation.TryChoose(context, csv: true, out var format, out var problem) ||
            !Paging.TryStartAndLimit(paging.Start, paging.Limit, out var page, out problem))
        {
            return problem;
        }

        var first = page.Offset + 1;
        var last = first + page.Size - 1;
        var slice = await reader.RangeAsync(name, log, first, last, cancellation);
        if (slice.Size is not { } size)
        {
            return Parameters.UnknownRegister(name);
        }

        var more = last < size;
        // The page before ends where this one begins, or at the last entry when this one begins past it.
        var previousLast = Math.Min(first - 1, size);
        Paging.Link(context,
            more ? Paging.LinkQuery(("start", last + 1), ("limit", page.Size)) : null,
            previousLast > 0 ? Paging.LinkQuery(("start", Math.Max(1, previousLast - page.Size + 1)), ("limit", Math.Min(page.Size, previousLast))) : null);
        var tag = $"entries-{first}-{page.Size}.{format.Suffix()}";
        var current = more ? HttpCaching.Immutable(context, tag, linked: true) : HttpCaching.Revalidate(context, $"{tag}-size-{size}", linked: true);
        return current ? HttpCaching.NotModified() : EntryResource.Respond(slice.Entries, format, context, name, log);
    }

    private static async Task<IResult> OneAsync(string name, EntryLog log, string number, HttpContext context, EntryReader reader, CancellationToken cancellation)
    {
        if (!Representation.TryChoose(context, csv: true, out var format, out var problem) ||
            !Parameters.TryNumber(number, "entry-number", 1, out var entryNumber, out problem))
        {
            return problem;
        }

        var slice = await reader.RangeAsync(name, log, entryNumber, entryNumber, cancellation);
        if (slice.Size is not { } size)
        {
            return Parameters.UnknownRegister(name);
        }

        if (slice.Entries.Count == 0)
        {
            return ReadRoutes.NotFound("No such entry", $"The {log.ToWireName()} log of '{name}' has {size} entries; there is no entry {entryNumber}.");
        }

        return HttpCaching.Immutable(context, $"entry-{entryNumber}.{format.Suffix()}", linked: true)
            ? HttpCaching.NotModified()
            : EntryResource.Respond(slice.Entries, format, context, name, log);
    }
}
