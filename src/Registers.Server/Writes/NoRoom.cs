namespace Registers.Server.Writes;

/// <summary>A write to the server's own disk that failed for want of room: the operator's to fix, not the client's.</summary>
internal static class NoRoom
{
    /// <summary>The title of the 507 that says so.</summary>
    public const string Title = "Insufficient storage";

    /// <summary>Whether <paramref name="failure"/> is a full disk (ENOSPC, 28) or a used-up quota (EDQUOT, 122 on Linux), or Windows' own two.</summary>
    public static bool Is(IOException failure) =>
        failure.HResult is 28 or 122 or unchecked((int)0x80070070) or unchecked((int)0x80070027);
}
