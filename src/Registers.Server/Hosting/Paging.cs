using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Registers.Server.Hosting;

/// <summary>One page of a collection: which rows, and whether there are rows before it.</summary>
/// <param name="Offset">How many rows come before the page (0-based).</param>
/// <param name="Size">The most rows the page holds.</param>
public readonly record struct Page(long Offset, int Size);

/// <summary>
/// Paging parameters as GOV.UK named them, each checked with a 400 problem that names it: <c>page-index</c> and
/// <c>page-size</c> on records (and here on filters and histories too), <c>start</c> and <c>limit</c> on entries.
/// A page holds 100 rows unless asked otherwise, and at most 5,000. Pages link to their neighbours with RFC 8288
/// <c>Link</c> headers (<c>rel="next"</c>, <c>rel="previous"</c>) that keep the client's other parameters.
/// </summary>
public static class Paging
{
    /// <summary>Rows a page holds when the client does not say.</summary>
    public const int DefaultSize = 100;

    /// <summary>The most rows a page may hold (GOV.UK's limit).</summary>
    public const int MaxSize = 5_000;

    /// <summary>The highest <c>page-index</c>: the rows before the page, (index - 1) times its size, must fit a long.</summary>
    public const long MaxPageIndex = long.MaxValue / MaxSize;

    /// <summary>The highest <c>start</c>: the entry numbers of the page, up to start + limit, must fit a long.</summary>
    public const long MaxStart = long.MaxValue - MaxSize;

    /// <summary>Reads <c>page-index</c> (from 1) and <c>page-size</c> (1 to 5,000; <paramref name="defaultSize"/> when not given).</summary>
    public static bool TryIndexAndSize(string? pageIndex, string? pageSize, out Page page, out IResult problem, int defaultSize = DefaultSize)
    {
        page = default;
        if (!TryOptional(pageIndex, "page-index", 1, MaxPageIndex, 1, out var index, out problem) ||
            !TryOptional(pageSize, "page-size", 1, MaxSize, defaultSize, out var size, out problem))
        {
            return false;
        }

        page = new Page((index - 1) * size, (int)size);
        return true;
    }

    /// <summary>Reads <c>start</c> (an entry number, from 1) and <c>limit</c> (1 to 5,000).</summary>
    public static bool TryStartAndLimit(string? start, string? limit, out Page page, out IResult problem)
    {
        page = default;
        if (!TryOptional(start, "start", 1, MaxStart, 1, out var first, out problem) ||
            !TryOptional(limit, "limit", 1, MaxSize, DefaultSize, out var count, out problem))
        {
            return false;
        }

        page = new Page(first - 1, (int)count);
        return true;
    }

    /// <summary>Reads <c>as-of</c>, a tree size (null when absent).</summary>
    public static bool TryAsOf(string? text, out long? asOf, out IResult problem)
    {
        asOf = null;
        problem = Results.Empty;
        if (text is null)
        {
            return true;
        }

        if (!Parameters.TryNumber(text, "as-of", 0, out var size, out problem))
        {
            return false;
        }

        asOf = size;
        return true;
    }

    /// <summary>Adds <c>Link</c> headers to the neighbouring pages, each the request's own path (as the client addresses it) and query with the paging parameters replaced.</summary>
    /// <param name="context">The request being answered.</param>
    /// <param name="next">The paging parameters of the next page, when there is one.</param>
    /// <param name="previous">The paging parameters of the previous page, when there is one.</param>
    public static void Link(HttpContext context, IReadOnlyDictionary<string, string>? next, IReadOnlyDictionary<string, string>? previous)
    {
        ArgumentNullException.ThrowIfNull(context);
        var links = new List<string>();
        if (next is not null)
        {
            links.Add($"<{Url(context, next)}>; rel=\"next\"");
        }

        if (previous is not null)
        {
            links.Add($"<{Url(context, previous)}>; rel=\"previous\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Append(HeaderNames.Link, string.Join(", ", links));
        }
    }

    /// <summary>The <c>page-index</c>/<c>page-size</c> links of <paramref name="page"/>, given whether more rows follow it.</summary>
    public static void LinkByIndex(HttpContext context, Page page, bool more) => LinkByIndex(context, page, more, []);

    /// <summary>
    /// The <c>page-index</c>/<c>page-size</c> links of <paramref name="page"/>, pinned to <c>as-of</c> the tree size
    /// <paramref name="at"/> it was read at when the client gave none: rows in key order shift as keys are added, so a
    /// neighbour read at a later size could repeat a row or skip one. A client that makes its own links from
    /// <c>page-index</c> alone is answered as before.
    /// </summary>
    public static void LinkByIndexAsOf(HttpContext context, Page page, bool more, long at) =>
        LinkByIndex(context, page, more, context.Request.Query.ContainsKey("as-of") ? [] : [("as-of", at)]);

    private static void LinkByIndex(HttpContext context, Page page, bool more, (string Name, long Value)[] pinned)
    {
        var index = (page.Offset / page.Size) + 1;
        Link(context,
            more ? LinkQuery([("page-index", index + 1), ("page-size", page.Size), .. pinned]) : null,
            index > 1 ? LinkQuery([("page-index", index - 1), ("page-size", page.Size), .. pinned]) : null);
    }

    /// <summary>The query parameters of a link, as text.</summary>
    /// <remarks>Found whatever their case, as the query binds them: <c>?PAGE-SIZE=3</c> is replaced, not sent on beside <c>page-size</c>.</remarks>
    public static IReadOnlyDictionary<string, string> LinkQuery(params (string Name, long Value)[] values) =>
        values.ToDictionary(value => value.Name, value => value.Value.ToString(CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);

    private static string Url(HttpContext context, IReadOnlyDictionary<string, string> replaced)
    {
        var query = context.Request.Query
            .Where(pair => !replaced.ContainsKey(pair.Key))
            .SelectMany(pair => pair.Value.Select(value => (pair.Key, Value: value ?? "")))
            .Concat(replaced.Select(pair => (pair.Key, pair.Value)))
            .Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}");
        return $"{ClientTarget.PathOf(context, RegisterAddressing.OriginalUriPath(context))}?{string.Join('&', query)}";
    }

    private static bool TryOptional(string? text, string name, long minimum, long maximum, long fallback, out long value, out IResult problem)
    {
        problem = Results.Empty;
        value = fallback;
        if (text is null)
        {
            return true;
        }

        return Parameters.TryNumber(text, name, minimum, maximum, out value, out problem);
    }
}

/// <summary>GOV.UK's entry paging parameters, bound from the query (as text: a bad one is a 400 that names it).</summary>
/// <param name="Start">The first entry number, from 1.</param>
/// <param name="Limit">How many entries, 1 to 5,000 (100 by default).</param>
public readonly record struct StartAndLimit([property: FromQuery(Name = "start")] string? Start, [property: FromQuery(Name = "limit")] string? Limit);

/// <summary>GOV.UK's record paging parameters.</summary>
/// <param name="PageIndex">The page, from 1.</param>
/// <param name="PageSize">Records a page, 1 to 5,000 (100 by default).</param>
public readonly record struct IndexAndSize([property: FromQuery(Name = "page-index")] string? PageIndex, [property: FromQuery(Name = "page-size")] string? PageSize);

/// <summary>Record paging and the tree size to read at.</summary>
/// <param name="PageIndex">The page, from 1.</param>
/// <param name="PageSize">Records a page, 1 to 5,000 (100 by default).</param>
/// <param name="AsOf">The tree size to read the records at (the current size when absent).</param>
public readonly record struct RecordQuery(
    [property: FromQuery(Name = "page-index")] string? PageIndex,
    [property: FromQuery(Name = "page-size")] string? PageSize,
    [property: FromQuery(Name = "as-of")] string? AsOf);

/// <summary>The tree size to read at.</summary>
/// <param name="AsOf">The tree size (the current size when absent).</param>
public readonly record struct AsOfQuery([property: FromQuery(Name = "as-of")] string? AsOf);
