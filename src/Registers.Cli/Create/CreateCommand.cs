using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.Json;
using Registers.Cli.Config;
using Registers.Cli.Schema;
using Registers.Cli.Writes;
using Registers.Client.Writes;
using Spectre.Console.Cli;

namespace Registers.Cli.Create;

/// <summary>The arguments of <c>registers create</c>.</summary>
internal sealed class CreateSettings : ServerSettings
{
    [CommandArgument(0, "<DEFINITION>")]
    [Description("The register definition, JSON: name, title, custodian, description, registry, phase, and fields as GOV.UK wrote field items.")]
    public string Definition { get; set; } = "";
}

/// <summary>
/// <c>registers create DEFINITION.json</c>: creates a register (with the admin key) from a definition file, sent as it is;
/// the server turns it into the register's first system entries. The same definition sent again by the same key is the
/// same create (its idempotency key is the definition's hash), so a re-run after a lost answer reports the register made.
/// </summary>
internal sealed class CreateCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<CreateSettings>(consoles, environment)
{
    protected override string Name => "create";

    protected override async Task<int> RunAsync(ServerRun run, CreateSettings settings, CancellationToken cancellationToken)
    {
        var path = Environment.FullPath(settings.Definition);
        var (definition, notUtf8) = DefinitionJson.Of(await FileProblem.ReadingAsync(path, p => File.ReadAllBytesAsync(p, cancellationToken)));
        if (notUtf8 is not null)
        {
            Diagnostic($"{path} is not a register definition: {notUtf8}");
            return ExitCodes.ProblemsFound;
        }

        string name;
        try
        {
            using var json = JsonDocument.Parse(definition);
            name = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("name", out var member) && member.ValueKind == JsonValueKind.String
                ? member.GetString()!
                : throw new JsonException("it has no \"name\"");
        }
        catch (JsonException e)
        {
            // A problem found in the input, as the write commands count one (exit 1), before anything is sent.
            Diagnostic($"{path} is not a register definition: {NotJson.Reason(e)}");
            return ExitCodes.ProblemsFound;
        }

        var receipt = await run.Client.CreateRegisterAsync(definition, new WriteOptions { IdempotencyKey = IdempotencyKey(definition) }, cancellationToken);
        run.Consoles.WriteResult($"created: {receipt.Register}");
        run.Consoles.WriteResult($"system entries: {receipt.System.Size}");
        run.Consoles.WriteResult($"system root: {receipt.System.Root}");
        Diagnostic($"created register '{name}' at {run.Config.Server}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// <c>create-</c> and 40 hex digits of the definition's SHA-256: a try whose answer was lost, retried by the client or
    /// by running the command again, is answered with the first create's receipt instead of 409 for the register it made.
    /// </summary>
    private static string IdempotencyKey(byte[] definition) => "create-" + Convert.ToHexStringLower(SHA256.HashData(definition))[..40];
}
