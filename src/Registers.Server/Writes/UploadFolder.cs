using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// Where RSF loads are received before they are loaded: <c>uploads</c> in the server's data folder (not the system's
/// temporary folder, which may be held in memory), one file per load, deleted when the load ends however it ends.
/// Files a crashed server left behind are deleted when this is made, at the server's first write.
/// </summary>
public sealed class UploadFolder
{
    /// <summary>The folder in <paramref name="options"/>' data folder, made if absent and emptied of what a crash left.</summary>
    public UploadFolder(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = System.IO.Path.Combine(options.DataPath, "uploads");
        Directory.CreateDirectory(Path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var leftOver in Directory.EnumerateFiles(Path))
        {
            try
            {
                File.Delete(leftOver);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                // Still open somewhere (another server on the same folder): its load deletes it.
            }
        }
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>Reads <paramref name="body"/> to its end into a new file of the folder; the file is deleted if that fails.</summary>
    public Task<ReceivedUpload> ReceiveAsync(Stream body, CancellationToken cancellation) =>
        ReceivedUpload.ReceiveAsync(body, System.IO.Path.Combine(Path, $"{Guid.NewGuid():N}.rsf"), cancellation);
}
