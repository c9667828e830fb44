using Microsoft.AspNetCore.Authorization;
using Registers.Server.Hosting;
using Registers.Server.Registers;
using Wolverine.Http;

namespace Registers.Server.Writes;

/// <summary>Creating registers and appending entries: custodians' writes, each all or nothing.</summary>
public static class WriteEndpoints
{
    /// <summary>Creates a register from its definition.</summary>
    [WolverinePost("/registers", OperationId = "createRegister")]
    [Authorize(Policy = WritePolicy.Name)]
    public static async Task<IResult> Create(RegisterDefinition definition, RegisterWriter writer, CancellationToken cancellation) =>
        (await writer.CreateAsync(definition, cancellation)).ToHttpResult(StatusCodes.Status201Created, $"/registers/{definition.Name}");

    /// <summary>Appends a batch of entries, numbered in order after the register's last.</summary>
    [WolverinePost("/registers/{name}/entries", OperationId = "appendEntries")]
    [Authorize(Policy = WritePolicy.Name)]
    public static async Task<IResult> Append(string name, AppendRequest request, RegisterWriter writer, CancellationToken cancellation)
    {
        var (entries, items, problems) = request.ToProposals();
        var outcome = problems.Count > 0
            ? new WriteOutcome.Invalid(problems)
            : await writer.AppendAsync(name, new WriteRequest(entries, items));
        return outcome.ToHttpResult(StatusCodes.Status200OK);
    }

    /// <summary>
    /// Loads RSF (<c>application/uk-gov-rsf</c>) into a register, creating it if absent: all or nothing,
    /// with every <c>assert-root-hash</c> checked inside the transaction. <c>lenient=true</c> lets
    /// history that breaks register rules (field values, no-op repeats) load, reporting it as warnings.
    /// </summary>
    [WolverinePost("/registers/{name}/rsf", OperationId = "loadRsf")]
    [Authorize(Policy = WritePolicy.Name)]
    public static async Task<IResult> LoadRsf(string name, HttpContext context, RegisterWriter writer, ServerOptions options, CancellationToken cancellation)
    {
        if (context.Request.ContentType?.StartsWith(RsfMediaType, StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Not RSF", $"Send the file as Content-Type: {RsfMediaType}.");
        }

        // A load is one stream of any size; the limit is the configured one, not Kestrel's 30 MB default.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRsfBytes;
        }

        var lenient = context.Request.Query["lenient"] == "true";
        var outcome = await writer.LoadRsfAsync(name, context.Request.BodyReader, lenient ? RulePolicy.Warn : RulePolicy.Refuse, cancellation);
        return outcome.ToHttpResult(StatusCodes.Status200OK);
    }

    /// <summary>The media type GOV.UK gave RSF.</summary>
    public const string RsfMediaType = "application/uk-gov-rsf";
}
