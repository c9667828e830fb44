using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>A committed write's receipt, found by its idempotency key: how a client resuming a load learns what landed.</summary>
public static class WriteLookupEndpoints
{
    /// <summary>Maps <c>GET /registers/{name}/writes/{idempotency-key}</c>.</summary>
    public static void MapWriteLookup(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/registers/{name}/writes/{idempotency-key}", async (
            string name, [FromRoute(Name = "idempotency-key")] string key, HttpContext context, NpgsqlDataSource database, CheckpointStore checkpoints, CancellationToken cancellation) =>
        {
            // A key's own ".json" is read as a format suffix, as on every read: a client asks for "<key>.json" to be exact.
            if (Representation.RefuseOtherSuffix(context, "json", Representation.JsonOnly) is { } refused)
            {
                return refused;
            }

            await using var connection = await database.OpenConnectionAsync(cancellation);
            return (await StoredWrite.FindAsync(connection, name, [key], cancellation)).TryGetValue(key, out var write)
                ? Results.Ok(await WriteResults.ReceiptAsync(new WriteOutcome.Repeated(name, write), checkpoints, cancellation))
                : Problems.Result(StatusCodes.Status404NotFound, "No such write", $"No write to '{name}' was committed with idempotency key '{key}'.");
        }).WithTags("Writes");
}
