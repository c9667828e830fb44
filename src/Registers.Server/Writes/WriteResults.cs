using Registers.Protocol.Entries;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>The HTTP answer to each way a write can end.</summary>
internal static class WriteResults
{
    public static async Task<IResult> ToHttpResultAsync(
        this WriteOutcome outcome, int successStatus, string? location, CheckpointStore checkpoints, CancellationToken cancellation) => outcome switch
    {
        WriteOutcome.Committed committed => successStatus == StatusCodes.Status201Created
            ? TypedResults.Created(location, WriteReceipt.From(committed))
            : TypedResults.Ok(WriteReceipt.From(committed)),
        WriteOutcome.Repeated repeated => TypedResults.Ok(await ReceiptAsync(repeated, checkpoints, cancellation)),
        WriteOutcome.Refused refused => Problems.Result(StatusCodes.Status422UnprocessableEntity, "Entries refused",
            $"Nothing was written: {refused.Count} problem(s), the first: {refused.Problems[0]}.",
            new Dictionary<string, object?> { ["errors"] = refused.Problems, ["problem-count"] = refused.Count }),
        WriteOutcome.Stale stale => Problems.Result(StatusCodes.Status412PreconditionFailed, "Register has moved on",
            $"Nothing was written: the write extends a register of {stale.Expected} entries, but it has {stale.Actual}.",
            new Dictionary<string, object?> { ["size"] = stale.Actual }),
        WriteOutcome.KeyReused reused => Problems.Result(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
            $"Nothing was written: idempotency key '{reused.IdempotencyKey}' was used before, by the same signing key, for a write with another body; a retry sends the same body, a new write needs a new key.",
            new Dictionary<string, object?> { ["parameter"] = "Idempotency-Key" }),
        WriteOutcome.Invalid invalid => Problems.Result(StatusCodes.Status400BadRequest, "Invalid request",
            $"Nothing was written: {string.Join("; ", invalid.Problems)}",
            new Dictionary<string, object?> { ["errors"] = invalid.Problems }),
        WriteOutcome.UnknownRegister unknown => Parameters.UnknownRegister(unknown.Name),
        WriteOutcome.AlreadyExists exists => Problems.Result(StatusCodes.Status409Conflict, "Register exists",
            $"A register named '{exists.Name}' already exists."),
        WriteOutcome.RevokedMeanwhile revoked => Problems.Result(StatusCodes.Status403Forbidden, "Not allowed",
            $"Nothing was written: key {revoked.KeyId} was revoked for register '{revoked.Register}' after the write arrived."),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };

    /// <summary>The receipt a write was given when it was first committed, rebuilt from what was stored.</summary>
    public static async Task<WriteReceipt> ReceiptAsync(WriteOutcome.Repeated repeated, CheckpointStore checkpoints, CancellationToken cancellation)
    {
        var earlier = repeated.Earlier;
        async Task<LogReceipt> LogAsync(EntryLog log, long size, EntryRange? range)
        {
            var checkpoint = await checkpoints.AtSizeAsync(repeated.Register, log, size, cancellation);
            return new LogReceipt(size, checkpoint?.Root.ToString() ?? "", range?.First, range?.Last, range is null ? null : checkpoint?.Note);
        }

        return new WriteReceipt(
            repeated.Register,
            await LogAsync(EntryLog.User, earlier.UserSize, earlier.User),
            await LogAsync(EntryLog.System, earlier.SystemSize, earlier.System),
            []);
    }
}
