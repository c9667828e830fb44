namespace Registers.Shared;

/// <summary>Whether a file holding a secret is its owner's alone, and the command that makes it so. Compiled into each program that needs it.</summary>
internal static class OwnerOnlyMode
{
    // Write counts too: whoever may change a key file may put their own key in it.
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>The file's mode in octal (<c>0644</c>) when users other than its owner may read or write it; null when not, or on Windows.</summary>
    public static string? OpenMode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOthers) == 0 ? null : Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
    }

    /// <summary><c>chmod 600</c> and the path, quoted for a shell when it needs to be.</summary>
    public static string ChmodCommand(string path) =>
        "chmod 600 " + (path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'");
}
