using System.Net;
using Registers.Client.Problems;

namespace Registers.Cli.Writes;

/// <summary>What became of a batch the server answered with an error, as load and import say it after the server's problem.</summary>
internal static class RefusedBatch
{
    /// <summary>The server's rule for an entry that repeats its key's current item.</summary>
    public const string RepeatRule = "repeat";

    /// <summary>
    /// Refused for what it is (4xx), or for want of room (507), a batch was not written. Answered with another server error
    /// (a 503 while the database is out of reach, a 500), it may have been: the commands find out when run again.
    /// </summary>
    public static string Fate(RegistersException refused) =>
        (int)refused.StatusCode < 500 || refused.StatusCode == HttpStatusCode.InsufficientStorage
            ? "nothing of the refused batch was written"
            : "the refused batch may or may not have been written: run the same command again to go on where the log stands";
}
