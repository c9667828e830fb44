using System.ComponentModel;
using Spectre.Console.Cli;

namespace Registers.Cli.Config;

/// <summary>The options of every command that talks to a server; each falls back to an environment variable, then the profile file.</summary>
internal class ServerSettings : CommandSettings
{
    [CommandOption("-s|--server <URL>")]
    [Description("The register server. Else $REGISTERS_SERVER, the profile's \"server\", or http://localhost:5080.")]
    public string? Server { get; set; }

    [CommandOption("-k|--key <FILE>")]
    [Description("The signer key file, used only by commands that write. Else $REGISTERS_KEY, the profile's \"key\", or the admin key the server made in the checkout's .data/admin-key.")]
    public string? KeyFile { get; set; }

    [CommandOption("--profile <FILE>")]
    [Description("The profile file: JSON with \"server\", \"register\" and \"key\". Else $REGISTERS_PROFILE, or registers/profile.json in $XDG_CONFIG_HOME (~/.config when unset) when it exists.")]
    public string? Profile { get; set; }
}

/// <summary>The options of commands that act on one register.</summary>
internal class RegisterSettings : ServerSettings
{
    [CommandOption("-r|--register <NAME>")]
    [Description("The register. Else $REGISTERS_REGISTER or the profile's \"register\".")]
    public string? Register { get; set; }
}
