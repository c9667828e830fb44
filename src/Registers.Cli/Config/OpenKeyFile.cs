using Registers.Shared;

namespace Registers.Cli.Config;

/// <summary>
/// A private key file that users other than its owner may read or change: the command warns and goes on, as the server
/// does for its own keys, since the key may be kept safe another way (a folder only its owner can enter, an ACL).
/// </summary>
internal static class OpenKeyFile
{
    /// <summary>The warning for <paramref name="path"/>, or null when it is its owner's alone (or on Windows).</summary>
    public static string? Warning(string path) => OwnerOnlyMode.OpenMode(path) is { } mode
        ? $"warning: {path} holds a private key that users other than its owner may read or change (mode {mode}); run {OwnerOnlyMode.ChmodCommand(path)} to make it its owner's alone"
        : null;
}
