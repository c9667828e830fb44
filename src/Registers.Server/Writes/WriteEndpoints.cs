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
            : await writer.AppendAsync(name, entries, items, RulePolicy.Refuse, cancellation);
        return outcome.ToHttpResult(StatusCodes.Status200OK);
    }
}
