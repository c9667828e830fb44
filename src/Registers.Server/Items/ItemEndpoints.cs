using Microsoft.AspNetCore.Mvc;
using Registers.Protocol.Hashing;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;
using Registers.Server.Registers;
using Registers.Server.Storage;

namespace Registers.Server.Items;

/// <summary>
/// GOV.UK's item resource, <c>/registers/{name}/items/sha-256:{hex}</c>: the item's canonical JSON exactly as it
/// was hashed, so the answer's SHA-256 is the hash asked for. Its JSON never changes (immutable); its CSV has the
/// register's fields as columns, so it is revalidated when the metadata moves.
/// </summary>
public static class ItemEndpoints
{
    private static readonly string ItemSql = $"""
        SELECT EXISTS (SELECT 1 FROM {StorageSchema.Name}.mt_doc_registerhead WHERE id = $1),
               (SELECT content FROM {StorageSchema.Name}.items WHERE register = $1 AND hash = $2)
        """;

    /// <summary>Maps the item route.</summary>
    public static void MapItems(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/registers/{name}").WithTags("Items").MapRead("/items/{item-hash}",
                (string name, [FromRoute(Name = "item-hash")] string hash, HttpContext context, ReadDatabase database, RegisterSummaryReader summaries, CancellationToken cancellation) =>
                    ItemAsync(name, hash, context, database, summaries, cancellation))
            .Describe("getItem", "An item, by its hash",
                "The item's canonical JSON, byte for byte as hashed: `sha256(body)` is the hash in the path. Items are shared by both logs of the register.")
            .Produces<ItemJson>(StatusCodes.Status200OK, Representation.JsonMediaType, "text/csv")
            .WithExample(Representation.JsonMediaType, Examples.Item)
            .AnswersNotModified()
            .ReadProblems();
    }

    private static async Task<IResult> ItemAsync(
        string name, string hash, HttpContext context, ReadDatabase database, RegisterSummaryReader summaries, CancellationToken cancellation)
    {
        if (!Representation.TryChoose(context, csv: true, out var format, out var problem))
        {
            return problem;
        }

        if (!Digest.TryParse(hash, out var digest))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid parameter",
                $"Parameter 'item-hash' must be sha-256: and 64 lower-case hex digits, not '{hash}'.", new Dictionary<string, object?> { ["parameter"] = "item-hash" });
        }

        await using var command = ReadSql.Command(database, ItemSql, name, digest.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        if (!reader.GetBoolean(0))
        {
            return Parameters.UnknownRegister(name);
        }

        if (reader.IsDBNull(1))
        {
            return ReadRoutes.NotFound("Unknown item", $"'{name}' has no item {digest}.");
        }

        var item = new ItemJson(reader.GetString(1));
        if (format == ReadFormat.Json)
        {
            return HttpCaching.Immutable(context, $"{digest.ToHex()}.json") ? HttpCaching.NotModified() : Representation.Json(item);
        }

        var summary = await summaries.ReadAsync(name, cancellation);
        if (HttpCaching.Revalidate(context, $"{digest.ToHex()}.csv-metadata-{summary?.SystemEntries}"))
        {
            return HttpCaching.NotModified();
        }

        var attributes = item.Attributes().ToList();
        var fields = summary?.Fields ?? [];
        string[] columns = [.. fields, .. attributes.Select(a => a.Name).Where(attribute => !fields.Contains(attribute))];
        var values = attributes.ToDictionary(a => a.Name, a => CsvOutput.Join(a.Values), StringComparer.Ordinal);
        return new CsvResult((csv, _, _) =>
        {
            csv.WriteRow(columns);
            csv.WriteRow(columns.Select(column => values.GetValueOrDefault(column)));
            return Task.CompletedTask;
        });
    }
}
