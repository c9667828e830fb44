namespace Registers.Server.Tests.Support;

/// <summary>Key files written as the server makes them, readable by their owner only, so a start does not warn of them.</summary>
public static class OwnerOnlyFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> and leaves it mode 0600.</summary>
    public static async Task WriteAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
