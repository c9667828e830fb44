using Registers.Server.Hosting;

namespace Registers.Server.Database;

/// <summary>
/// A file in the server's data folder, outside the private cluster's own folder, saying that a cluster was made there.
/// Without it a start finding the cluster's folder empty (emptied or removed while the server was stopped, or a disk not
/// mounted there) could not tell that from a first start, and would make a new cluster: every register gone, and the
/// server serving and signing as if they had never been. Written once the cluster holds its registers database, which a
/// start finding the mark does not make again either (dropped since, it would come back empty).
/// </summary>
internal sealed class ClusterMadeMark(string dataFolder)
{
    public const string FileName = "cluster-made";

    /// <summary>The mark's file.</summary>
    public string Path { get; } = System.IO.Path.Combine(dataFolder, FileName);

    /// <summary>Whether a cluster was made in this data folder (by a start of this server or of one from before the mark, once started again).</summary>
    public bool Exists => File.Exists(Path);

    /// <summary>Marks the cluster as made, unless it is marked already.</summary>
    /// <exception cref="StartupException">The mark cannot be written; a server without it would not know its cluster had been made.</exception>
    public void Write()
    {
        if (Exists)
        {
            return;
        }

        try
        {
            File.WriteAllText(Path, "A private PostgreSQL cluster was made in the postgres folder beside this file, so a start finding that folder " +
                                    "empty, or the cluster without its registers database, refuses to make an empty one in its place. Delete this file only to start afresh " +
                                    "on an empty database.\n");
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"Cannot write {Path}, which records that the private PostgreSQL cluster was made, lest a start finding it gone make an empty one: " +
                $"{failure.Message.Replace(Path, FileName, StringComparison.Ordinal)} Make it writable, or choose another folder with {ServerOptions.Setting(nameof(ServerOptions.DataDirectory))}.", failure);
        }
    }
}
