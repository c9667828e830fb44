using System.ComponentModel;
using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Keys;

/// <summary>The arguments of <c>registers custodian-key allow</c>.</summary>
internal sealed class AllowKeySettings : RegisterSettings
{
    [CommandArgument(0, "<VERIFIER-KEY>")]
    [Description("The custodian's public verifier key, name+keyid+base64, as keygen printed it.")]
    public string VerifierKey { get; set; } = "";

    public override ValidationResult Validate() =>
        Protocol.Checkpoints.VerifierKey.TryParse(VerifierKey, out _, out var problem)
            ? ValidationResult.Success()
            : ValidationResult.Error(problem == KeyProblem.PrivateKey
                ? $"The key given is not a verifier key: {problem.Describe()}." // the secret is not written back
                : $"'{VerifierKey}' is not a verifier key: {problem.Describe()}.");
}

/// <summary>The arguments of <c>registers custodian-key revoke</c>.</summary>
internal sealed class RevokeKeySettings : RegisterSettings
{
    [CommandArgument(0, "<KEY>")]
    [Description("The key to revoke: its verifier key, name+keyid, or the 8 hex digits of its key id.")]
    public string Key { get; set; } = "";
}

/// <summary><c>registers custodian-key allow VERIFIER-KEY</c>: lets a custodian key write the register (admin only); a system entry records it.</summary>
internal sealed class AllowKeyCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<AllowKeySettings>(consoles, environment)
{
    protected override string Name => "custodian-key allow";

    protected override async Task<int> RunAsync(ServerRun run, AllowKeySettings settings, CancellationToken cancellationToken)
    {
        var key = VerifierKey.Parse(settings.VerifierKey);
        var receipt = await run.Client.AddCustodianKeyAsync(run.Config.RequireRegister(), key, new WriteOptions(), cancellationToken);
        KeyCommands.Report(run, receipt, $"allowed {key.Name}+{key.KeyId:x8}");
        return ExitCodes.Ok;
    }
}

/// <summary><c>registers custodian-key revoke KEY</c>: withdraws a custodian key's right to write the register (admin only); a system entry records it.</summary>
internal sealed class RevokeKeyCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<RevokeKeySettings>(consoles, environment)
{
    protected override string Name => "custodian-key revoke";

    protected override async Task<int> RunAsync(ServerRun run, RevokeKeySettings settings, CancellationToken cancellationToken)
    {
        var keyId = VerifierKey.TryParse(settings.Key, out var key, out var problem) ? $"{key.Name}+{key.KeyId:x8}" : settings.Key;
        if (problem == KeyProblem.PrivateKey)
        {
            Diagnostic($"the key given names no key to revoke: {problem.Describe()}"); // the secret is not written back
            return ExitCodes.UsageOrIoError;
        }

        if (keyId[(keyId.LastIndexOf('+') + 1)..] is not { Length: 8 } hex || !hex.All(char.IsAsciiHexDigit))
        {
            Diagnostic($"'{settings.Key}' names no key: give its verifier key, name+keyid, or its 8 hex digits");
            return ExitCodes.UsageOrIoError;
        }

        var receipt = await run.Client.RevokeCustodianKeyAsync(run.Config.RequireRegister(), keyId, new WriteOptions(), cancellationToken);
        KeyCommands.Report(run, receipt, $"revoked {keyId}");
        return ExitCodes.Ok;
    }
}

internal static class KeyCommands
{
    public static void Report(ServerRun run, WriteReceipt receipt, string what)
    {
        run.Consoles.WriteResult($"{what}: system entry {receipt.System.LastEntry}");
        run.Consoles.WriteResult($"system size: {receipt.System.Size}");
        run.Consoles.WriteResult($"system root: {receipt.System.Root}");
    }
}
