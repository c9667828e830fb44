using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.Registers;
using Registers.Server.Signatures;
using Wolverine.Http;

namespace Registers.Server.Writes;

/// <summary>Creating registers and appending entries: signed writes, each all or nothing (see docs/writes.md).</summary>
public static class WriteEndpoints
{
    /// <summary>The media type GOV.UK gave RSF.</summary>
    public const string RsfMediaType = "application/uk-gov-rsf";

    /// <summary>Creates a register from its definition.</summary>
    [WolverinePost("/registers", OperationId = "createRegister")]
    [TakesBody(Representation.JsonMediaType)]
    [Authorize(Policy = WritePolicy.Admin)]
    [EnableRateLimiting(WriteSecurity.RateLimit)]
    public static async Task<IResult> Create(RegisterDefinition definition, HttpContext context, RegisterWriter writer, CheckpointStore checkpoints, CancellationToken cancellation)
    {
        if (definition is null)
        {
            return UnreadableJson.NullBody(context);
        }

        if (!WriteHeaders.TryRead(context, RulePolicy.Refuse, out var write, out var problem))
        {
            return problem;
        }

        var outcome = await writer.CreateAsync(definition, write, cancellation);
        return await outcome.ToHttpResultAsync(StatusCodes.Status201Created, ClientTarget.PathOf(context, $"/registers/{definition.Name}"), checkpoints, cancellation);
    }

    /// <summary>Appends a batch of entries, numbered in order after the register's last.</summary>
    [WolverinePost("/registers/{name}/entries", OperationId = "appendEntries")]
    [TakesBody(Representation.JsonMediaType)]
    [Authorize(Policy = WritePolicy.Name)]
    [EnableRateLimiting(WriteSecurity.RateLimit)]
    public static async Task<IResult> Append(
        string name, AppendRequest request, HttpContext context, RegisterWriter writer, CheckpointStore checkpoints, ServerOptions options, CancellationToken cancellation)
    {
        if (request is null)
        {
            return UnreadableJson.NullBody(context);
        }

        if (!WriteHeaders.TryRead(context, RulePolicy.Refuse, out var write, out var problem))
        {
            return problem;
        }

        if (request.Entries?.Count > options.MaxEntriesPerWrite)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "Too many entries",
                $"A write may carry at most {options.MaxEntriesPerWrite} entries, not {request.Entries.Count}; send RSF or split it.");
        }

        var (entries, items, problems) = request.ToProposals();
        var systemEntry = write.ByAdmin ? -1 : entries.ToList().FindIndex(entry => entry.Log == Protocol.Entries.EntryLog.System);
        if (systemEntry >= 0)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "Not allowed",
                $"Nothing was written: entries[{systemEntry}] is the system entry '{entries[systemEntry].Key}', and {WriteRequest.SystemLogIsTheAdmins}.");
        }

        var outcome = problems.Count > 0
            ? new WriteOutcome.Invalid(problems)
            : await writer.AppendAsync(name, write with { Entries = entries, Items = items }, cancellation);
        return await outcome.ToHttpResultAsync(StatusCodes.Status200OK, null, checkpoints, cancellation);
    }

    /// <summary>
    /// Loads RSF (<c>application/uk-gov-rsf</c>) into a register, creating it if absent: all or nothing,
    /// with every <c>assert-root-hash</c> checked inside the transaction. <c>lenient=true</c> lets
    /// history that breaks register rules (field values, no-op repeats) load, reporting it as warnings.
    /// One key may have <c>ConcurrentLoadsPerKey</c> loads arriving or loading at once; one more is a 429 before its body is read.
    /// </summary>
    [WolverinePost("/registers/{name}/rsf", OperationId = "loadRsf")]
    [TakesBody(RsfMediaType)]
    [TakesQuery("lenient")]
    [Authorize(Policy = WritePolicy.Name)]
    [EnableRateLimiting(WriteSecurity.RateLimit)]
    public static async Task<IResult> LoadRsf(
        string name, HttpContext context, RegisterWriter writer, CheckpointStore checkpoints, ServerOptions options, LoadSlots loads, CancellationToken cancellation)
    {
        // Any other value would load strictly unsaid, and the refusals of a load meant as history would not say why.
        var lenient = context.Request.Query["lenient"];
        if (lenient.Count > 0 && lenient != "true" && lenient != "false")
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid parameter", $"'lenient' must be true or false, not '{lenient}'; nothing was written.",
                new Dictionary<string, object?> { ["parameter"] = "lenient" });
        }

        var policy = lenient == "true" ? RulePolicy.Warn : RulePolicy.Refuse;
        if (!WriteHeaders.TryRead(context, policy, out var write, out var problem))
        {
            return problem;
        }

        // Letting rule-breaking history in is for mirroring a log fixed elsewhere, the admin's call, not a custodian's way past the rules.
        if (policy == RulePolicy.Warn && !write.ByAdmin)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "Not allowed", "Nothing was written: only the admin key may load leniently (lenient=true).",
                new Dictionary<string, object?> { ["parameter"] = "lenient" });
        }

        // Taken before any of the body is read, and held until the load ends however it ends: its file is kept that long.
        using var slot = loads.TryTake(context.User.FindFirstValue(RequestSignatureHandler.KeyIdClaim) ?? "unsigned");
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = LoadSlots.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Result(StatusCodes.Status429TooManyRequests, "Too many loads at once",
                $"Nothing of this load was read or written: this key has {loads.PerKey} loads arriving or loading, the most one key may have at once. "
                + $"Send it again in {LoadSlots.RetryAfterSeconds} s, or once one of the others has ended.");
        }

        // A load is one stream of any size; the limit is the configured one, not the JSON writes'.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRsfBytes;
        }

        WriteOutcome outcome;
        try
        {
            outcome = await writer.LoadUploadedRsfAsync(name, context.Request.Body, write, cancellation);
        }
        catch (IOException full) when (NoRoom.Is(full))
        {
            return Problems.Result(StatusCodes.Status507InsufficientStorage, NoRoom.Title,
                $"Nothing was written: the server's data folder has no room to receive the file ({full.Message}). Send it again once an operator has made room.");
        }

        return await outcome.ToHttpResultAsync(StatusCodes.Status200OK, null, checkpoints, cancellation);
    }
}
