using System.ComponentModel;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Keygen;

/// <summary>The arguments of <c>registers keygen</c>.</summary>
internal sealed class KeygenSettings : CommandSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The key's name, as signatures will give it, e.g. custodian.example/alice.")]
    public string Name { get; set; } = "";

    [CommandOption("-o|--out <FILE>")]
    [Description("The private key file to write (readable only by you); the public key goes beside it as FILE.pub. Default: the last part of NAME, then .key.")]
    public string? Out { get; set; }

    public override ValidationResult Validate()
    {
        try
        {
            using var key = SignerKey.Generate(Name);
            return !HttpSignatureKeyIds.CanName(key.VerifierKey)
                ? ValidationResult.Error($"'{Name}' cannot be a custodian's key name: writes are signed under it, and a signed request names its key in printable ASCII only (no accented letters).")
                : Out is null && FileStem.Length == 0
                ? ValidationResult.Error($"'{Name}' has no last part to name the key file after: give --out FILE.")
                : ValidationResult.Success();
        }
        catch (ArgumentException)
        {
            return ValidationResult.Error($"'{Name}' is not a key name: printable characters other than '+' and white space.");
        }
    }

    /// <summary>The private key file: <see cref="Out"/>, else the last part of the name with <c>.key</c>.</summary>
    public string OutOrDefault => Out ?? FileStem + ".key";

    // The name's last non-empty part: "custodian.example/alice" gives "alice", and "custodian.example/" "custodian.example",
    // not an empty stem that would make the hidden files ".key" and ".key.pub".
    private string FileStem => LastPart(Name.TrimEnd('/'));

    private static string LastPart(string name) => name[(name.LastIndexOf('/') + 1)..];
}
