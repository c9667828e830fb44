using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Web.Tests.Support;

/// <summary>
/// A register's history rewritten from its first entry on, as a server hiding a change to it would serve it: the first
/// entry's timestamp is a second later, and every chain hash is recomputed from the entries as rewritten, so the chain
/// holds in itself. Only the signed tree can tell.
/// </summary>
internal static class RewrittenHistory
{
    /// <summary>The entries of <paramref name="register"/> at <paramref name="server"/>, rewritten.</summary>
    public static async Task<JsonArray> OfAsync(Uri server, string register)
    {
        using var client = new HttpClient { BaseAddress = server };
        var entries = (await client.GetFromJsonAsync<JsonArray>($"/registers/{register}/entries?start=1&limit=5000"))!;
        var first = entries[0]!;
        first["entry-timestamp"] = EntryTimestamp.FromUnixSeconds(EntryTimestamp.Parse((string)first["entry-timestamp"]!).UnixSeconds + 1).ToString();
        var chain = ChainHash.Genesis;
        foreach (var entry in entries)
        {
            var leaf = EntryLeaf.Hash(
                long.Parse((string)entry!["entry-number"]!, System.Globalization.CultureInfo.InvariantCulture),
                EntryTimestamp.Parse((string)entry["entry-timestamp"]!),
                (string)entry["key"]!,
                entry["item-hash"]!.AsArray().Select(hash => Digest.Parse((string)hash!)).ToArray());
            chain = ChainHash.Next(chain, leaf);
            entry["chain-hash"] = chain.ToString();
        }

        return entries;
    }

    /// <summary>Answers the page's requests for entries of <paramref name="register"/>, one or a page of them, from <paramref name="entries"/>.</summary>
    public static Task ServeHistoryAsync(this IPage page, string register, JsonArray entries) =>
        page.RouteAsync(new Regex($"/registers/{register}/entries(/\\d+$|\\?)"), async route =>
        {
            var url = new Uri(route.Request.Url);
            var query = QueryHelpers.ParseQuery(url.Query);
            var (start, limit) = url.AbsolutePath.EndsWith("/entries", StringComparison.Ordinal)
                ? (int.Parse(query["start"]!, System.Globalization.CultureInfo.InvariantCulture), int.Parse(query["limit"]!, System.Globalization.CultureInfo.InvariantCulture))
                : (int.Parse(url.Segments[^1], System.Globalization.CultureInfo.InvariantCulture), 1);
            var slice = new JsonArray([.. entries.Skip(start - 1).Take(limit).Select(entry => entry!.DeepClone())]);
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = slice.ToJsonString() });
        });
}
