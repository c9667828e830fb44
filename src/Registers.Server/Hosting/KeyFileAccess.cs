using Registers.Shared;

namespace Registers.Server.Hosting;

/// <summary>
/// Checks at every start that a key file is still its owner's alone. The server makes key files 0600, but a copy, a
/// restore or a chmod can open one later. It warns, naming the file and the command that closes it, rather than
/// refusing to start: the key may be kept safe another way (a folder only the server's user can enter, an ACL).
/// </summary>
internal static partial class KeyFileAccess
{
    /// <summary>Logs a warning when users other than the owner of <paramref name="path"/> may read or write it (Unix only).</summary>
    /// <param name="path">The key file, which exists.</param>
    /// <param name="setting">The setting that names the file.</param>
    /// <param name="logger">Where the warning goes.</param>
    public static void WarnIfOpen(string path, string setting, ILogger logger)
    {
        if (OwnerOnlyMode.OpenMode(path) is { } octal)
        {
            Open(logger, path, setting, octal, OwnerOnlyMode.ChmodCommand(path));
        }
    }

    [LoggerMessage(LogLevel.Warning, "{File} ({Setting}) holds a private key that users other than its owner may read or change (mode {Mode}); run {Command} to make it its owner's alone")]
    private static partial void Open(ILogger logger, string file, string setting, string mode, string command);
}
