using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>A committed write's receipt, found by its idempotency key: how a client resuming a load learns what landed.</summary>
/// <remarks>
/// An idempotency key is its signer's own, so several signers' writes may carry one key: <c>key-id</c> names whose write
/// is meant. A client looking for its own write must name itself, or it may be told of another signer's.
/// </remarks>
public static class WriteLookupEndpoints
{
    /// <summary>The query parameter naming the signer: the key id a write was signed under (<c>name+hex</c>).</summary>
    public const string KeyIdParameter = "key-id";

    /// <summary>Maps <c>GET /registers/{name}/writes/{idempotency-key}</c>.</summary>
    public static void MapWriteLookup(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/registers/{name}/writes/{idempotency-key}", async (
            string name, [FromRoute(Name = "idempotency-key")] string key, [FromQuery(Name = KeyIdParameter)] string? keyId,
            HttpContext context, NpgsqlDataSource database, CheckpointStore checkpoints, CancellationToken cancellation) =>
        {
            // A key's own ".json" is read as a format suffix, as on every read: a client asks for "<key>.json" to be exact.
            if (Representation.RefuseAllButJson(context) is { } refused)
            {
                return refused;
            }

            // From the request target: routing leaves a key's escaped '/' as "%2F", so "load/7" would be looked up as "load%2F7".
            key = RawPathValue.Of(context, "idempotency-key", key);

            // A '+' sent unescaped in a query string reads as a space, which no key id holds (key names have none).
            var signer = string.IsNullOrEmpty(keyId) ? null : keyId.Replace(' ', '+');
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var writes = (await StoredWrite.FindAsync(connection, name, [key], cancellation))
                .Where(write => signer is null || write.Signer == signer).ToList();
            return writes.Count switch
            {
                1 => Results.Ok(await WriteResults.ReceiptAsync(new WriteOutcome.Repeated(name, writes[0]), checkpoints, cancellation)),
                0 => Problems.Result(StatusCodes.Status404NotFound, "No such write", signer is null
                    ? $"No write to '{name}' was committed with idempotency key '{key}'."
                    : $"No write to '{name}' signed by '{signer}' was committed with idempotency key '{key}'."),
                _ => Problems.Result(StatusCodes.Status409Conflict, "Write not named by its key alone",
                    $"Writes to '{name}' of {writes.Count} signing keys carry idempotency key '{key}', each signer's own: add '{KeyIdParameter}', the key id a write was signed under, to ask for that signer's.",
                    new Dictionary<string, object?> { ["parameter"] = KeyIdParameter }),
            };
        }).WithTags("Writes");
}
