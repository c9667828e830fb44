using Microsoft.Extensions.Logging;

namespace Registers.Server.Database;

/// <summary>
/// Makes a new private cluster with initdb. It is made beside the data folder and renamed into place once complete, so
/// that a start cut short never leaves a half-made cluster under the data folder's name. A data folder that exists
/// already (empty: a mount point, or a link the operator made) is filled in place instead, and emptied again if the start
/// is cancelled.
/// </summary>
internal sealed class ClusterInitialiser(string binaries, string dataDirectory, string superUser, string? runAs, ILogger logger)
{
    /// <summary>Makes the cluster; <paramref name="prepareFolder"/> readies the folder it is made in for the user it runs as.</summary>
    public async Task MakeAsync(Func<string, CancellationToken, Task> prepareFolder, CancellationToken cancellation)
    {
        var folder = Directory.Exists(dataDirectory) ? dataDirectory : $"{dataDirectory}.new-{Environment.ProcessId}";
        DeleteUnfinishedClusters();
        try
        {
            await prepareFolder(folder, cancellation);
        }
        catch when (folder != dataDirectory)
        {
            DeleteUnfinished(folder); // a folder the cluster could not be made in is no unfinished cluster to leave behind
            throw;
        }

        await InitialiseAsync(folder, cancellation);
    }

    /// <summary>Deletes the folders beside the data folder that earlier first starts, cut short, were making clusters in.</summary>
    private void DeleteUnfinishedClusters()
    {
        var parent = Path.GetDirectoryName(dataDirectory)!;
        if (Directory.Exists(parent))
        {
            foreach (var unfinished in Directory.EnumerateDirectories(parent, Path.GetFileName(dataDirectory) + ".new-*"))
            {
                logger.LogInformation("Deleting {Folder}, a cluster an interrupted start did not finish making", unfinished);
                DeleteUnfinished(unfinished);
            }
        }
    }

    private async Task InitialiseAsync(string folder, CancellationToken cancellation)
    {
        logger.LogInformation("Creating a private PostgreSQL cluster in {DataDirectory}", dataDirectory);
        try
        {
            var initdb = await ProcessRunner.RunAsync(Path.Combine(binaries, "initdb"),
                ["-D", folder, "-U", superUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                runAs, cancellation);
            if (initdb.ExitCode != 0)
            {
                throw InitdbFailure.For(dataDirectory, initdb.ExitCode, initdb.Output);
            }

            if (folder != dataDirectory)
            {
                Directory.Move(folder, dataDirectory);
            }
        }
        catch (OperationCanceledException) when (folder == dataDirectory)
        {
            DeleteUnfinished(folder); // a killed initdb does not clean up after itself
            throw;
        }
        finally
        {
            if (folder != dataDirectory)
            {
                DeleteUnfinished(folder); // nothing left once moved into place
            }
        }
    }

    /// <summary>Deletes a cluster initdb did not finish: its folder, or only what is in it when that is the data folder.</summary>
    private void DeleteUnfinished(string folder)
    {
        try
        {
            if (folder != dataDirectory)
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                return;
            }

            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo subfolder)
                {
                    subfolder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
        catch (IOException failure)
        {
            // An initdb orphaned by a killed server may still be writing there. A folder beside the data folder is never taken
            // for a cluster, and the next start deletes it.
            logger.LogWarning("Could not delete {Folder}, an unfinished cluster: {Reason}", folder, failure.Message);
        }
    }
}
