namespace Registers.Shared;

/// <summary>Files held open with no sharing as locks of the operating system's. Compiled into each program that needs it.</summary>
internal static class FileLocks
{
    /// <summary>
    /// Whether <paramref name="failure"/> to open a file is another handle holding it: EWOULDBLOCK on Linux (11) and
    /// macOS (35), a sharing violation on Windows.
    /// </summary>
    public static bool HeldElsewhere(IOException failure) =>
        failure.GetType() == typeof(IOException) && failure.HResult is 11 or 35 or unchecked((int)0x80070020);
}
