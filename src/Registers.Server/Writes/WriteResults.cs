using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>The HTTP answer to each way a write can end.</summary>
internal static class WriteResults
{
    public static IResult ToHttpResult(this WriteOutcome outcome, int successStatus, string? location = null) => outcome switch
    {
        WriteOutcome.Committed committed => successStatus == StatusCodes.Status201Created
            ? TypedResults.Created(location, WriteReceipt.From(committed))
            : TypedResults.Ok(WriteReceipt.From(committed)),
        WriteOutcome.Refused refused => Problems.Result(StatusCodes.Status422UnprocessableEntity, "Entries refused",
            $"Nothing was written: {refused.Count} problem(s), the first: {refused.Problems[0]}.",
            new Dictionary<string, object?> { ["errors"] = refused.Problems }),
        WriteOutcome.Invalid invalid => Problems.Result(StatusCodes.Status400BadRequest, "Invalid request",
            $"Nothing was written: {string.Join("; ", invalid.Problems)}",
            new Dictionary<string, object?> { ["errors"] = invalid.Problems }),
        WriteOutcome.UnknownRegister unknown => Problems.Result(StatusCodes.Status404NotFound, "Unknown register",
            $"There is no register named '{unknown.Name}'."),
        WriteOutcome.AlreadyExists exists => Problems.Result(StatusCodes.Status409Conflict, "Register exists",
            $"A register named '{exists.Name}' already exists."),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };
}
