using Microsoft.Extensions.Logging.Abstractions;
using Registers.Server.Database;

namespace Registers.Server.Tests.Support;

/// <summary>The data folder of a server run with its private cluster, cleaned up however the test ended.</summary>
public static class PrivateClusterFolder
{
    /// <summary>
    /// Stops a cluster left running in <paramref name="folder"/>, waits (up to half a minute) for anything else still working
    /// there to end, such as an initdb a failed test left behind, and deletes the folder.
    /// </summary>
    public static async Task DeleteAsync(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        // Only a postmaster seen working on the folder is stopped: pg_ctl would signal whatever process took a stale file's PID.
        var data = Path.Combine(folder, "postgres");
        if (File.Exists(Path.Combine(data, "postmaster.pid")) && OperatingSystem.IsLinux() && FolderProcesses.Find(folder).Count > 0)
        {
            await EmbeddedPostgres.For(data, stopOnDispose: false, durable: false, NullLogger.Instance).StopAsync();
        }

        for (var waited = 0; waited < 300 && OperatingSystem.IsLinux() && FolderProcesses.Find(folder).Count > 0; waited++)
        {
            await Task.Delay(100);
        }

        Directory.Delete(folder, recursive: true);
    }
}
