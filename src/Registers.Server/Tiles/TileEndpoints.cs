using Microsoft.Net.Http.Headers;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;
using Registers.Server.Proofs;

namespace Registers.Server.Tiles;

/// <summary>
/// C2SP tlog-tiles: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> hash tiles and <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>
/// entry bundles under each log. A tile at a given width never changes, so every one is immutable.
/// </summary>
public static class TileEndpoints
{
    private const string TileContentType = "application/octet-stream";

    /// <summary>Maps the tile routes for both logs.</summary>
    public static void MapTiles(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, log) in LogRoutes.All)
        {
            // The path may be empty (a request for "tile/"): it is then an invalid tile path, said as such, not a failed binding.
            routes.MapGroup(prefix).WithTags("Tiles").MapRead("/tile/{**path}",
                (string name, string? path, TreeNodes nodes, EntryBundles bundles, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation) =>
                    TileAsync(name, log, "tile/" + TilePathValue.Of(context, path), nodes, bundles, checkpoints, context, cancellation))
                .AnswersNotModified();
        }
    }

    private static async Task<IResult> TileAsync(
        string name, EntryLog log, string path, TreeNodes nodes, EntryBundles bundles, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation)
    {
        if (Representation.RefuseOtherSuffix(context, null, "a tile (application/octet-stream)") is { } refused)
        {
            return refused;
        }

        byte[]? content;
        var gzip = false;
        if (TilePath.TryParseEntries(path, out var bundle))
        {
            content = await bundles.ReadAsync(name, log, bundle, cancellation);
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            gzip = BundleEncoding.AcceptsGzip(context.Request);
        }
        else if (TilePath.TryParse(path, out var tile))
        {
            var stored = await nodes.ReadTileAsync(name, log, tile.Level, tile.Index, cancellation);
            var length = tile.Width * Digest.Length;
            content = stored is not null && stored.Length >= length ? stored[..length] : null;
        }
        else
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid tile path",
                $"'{path}' is not a tile path such as tile/0/x001/234 or tile/entries/000.p/17.", new Dictionary<string, object?> { ["parameter"] = "path" });
        }

        // A tile missing from a register that does not exist is the register missing: "no such tile (yet)" said it existed.
        if (content is null && await checkpoints.LatestAsync(name, log, cancellation) is null)
        {
            return Parameters.UnknownRegister(name);
        }

        if (content is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such tile", $"The {log.ToWireName()} log of '{name}' has no {path} (yet).");
        }

        // Each encoding is its own representation, with its own strong ETag.
        if (HttpCaching.Immutable(context, gzip ? $"{path};{BundleEncoding.Gzip}" : path))
        {
            return HttpCaching.NotModified();
        }

        if (gzip)
        {
            context.Response.Headers.ContentEncoding = BundleEncoding.Gzip;
            content = BundleEncoding.Compress(content);
        }

        return TypedResults.Bytes(content, TileContentType);
    }
}
