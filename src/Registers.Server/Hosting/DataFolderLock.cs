using Registers.Shared;

namespace Registers.Server.Hosting;

/// <summary>
/// One server to a data folder. A second would share the first one's private cluster, write beside it, and stop that
/// cluster when it stopped. The lock is the operating system's on <c>server.lock</c>, held while the server runs and
/// let go when its process ends, however it ends; <c>server.pid</c> names the holder for the message of the next.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _held;

    private DataFolderLock(FileStream held) => _held = held;

    /// <summary>Takes the lock of <paramref name="dataPath"/>, making the folder if absent.</summary>
    /// <exception cref="StartupException">Another server holds it, or the folder cannot be written.</exception>
    public static DataFolderLock Take(string dataPath)
    {
        var lockPath = Path.Combine(dataPath, "server.lock");
        var pidPath = Path.Combine(dataPath, "server.pid");
        FileStream held;
        try
        {
            Directory.CreateDirectory(dataPath);
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException taken) when (FileLocks.HeldElsewhere(taken))
        {
            throw new StartupException(
                $"The data folder {dataPath} is in use by another Registers server{Holder(pidPath)}: run one server to a data folder, or give this one its own (Registers:DataDirectory).",
                taken);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"The data folder {dataPath} (Registers:DataDirectory) cannot be written: {failure.Message}", failure);
        }

        try
        {
            File.WriteAllText(pidPath, $"{Environment.ProcessId}\n");
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            held.Dispose();
            throw new StartupException($"The data folder {dataPath} (Registers:DataDirectory) cannot be written: {failure.Message}", failure);
        }

        return new DataFolderLock(held);
    }

    /// <inheritdoc/>
    public void Dispose() => _held.Dispose();

    private static string Holder(string pidPath)
    {
        try
        {
            return File.ReadAllText(pidPath).Trim() is { Length: > 0 } pid ? $" (process {pid})" : "";
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

}
