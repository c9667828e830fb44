using System.ComponentModel;
using Registers.Protocol.Checkpoints;
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
            SignerKey.Generate(Name).Dispose();
            return ValidationResult.Success();
        }
        catch (ArgumentException)
        {
            return ValidationResult.Error($"'{Name}' is not a key name: printable characters other than '+' and white space.");
        }
    }

    /// <summary>The private key file: <see cref="Out"/>, else the last part of the name with <c>.key</c>.</summary>
    public string OutOrDefault => Out ?? Name[(Name.LastIndexOf('/') + 1)..] + ".key";
}
