namespace Registers.Protocol.Rsf.Spill;

/// <summary>
/// A private folder in the system's temporary directory for the files of one replay's checks that went past their
/// memory budget: made on first use, deleted with everything in it on <see cref="Dispose"/>.
/// </summary>
/// <remarks>The one place the protocol library touches the file system: without it, checking a file needs memory in
/// proportion to the file.</remarks>
internal sealed class SpillFolder : IDisposable
{
    private DirectoryInfo? _folder;

    /// <summary>The folder, or null before the first file (for tests that check it is gone).</summary>
    public string? Path => _folder?.FullName;

    /// <summary>Creates a new, empty file named <paramref name="name"/> in the folder, open for writing.</summary>
    public FileStream Create(string name)
    {
        _folder ??= Directory.CreateTempSubdirectory("registers-replay-");
        return new FileStream(
            System.IO.Path.Combine(_folder.FullName, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    /// <summary>Opens a file made by <see cref="Create"/> for reading from the start.</summary>
    public FileStream Open(string name) =>
        new(System.IO.Path.Combine(Folder.FullName, name), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    /// <summary>Deletes a file made by <see cref="Create"/>, if it is still there.</summary>
    public void Delete(string name)
    {
        try
        {
            File.Delete(System.IO.Path.Combine(Folder.FullName, name));
        }
        catch (DirectoryNotFoundException)
        {
            // Someone cleaned the temporary directory first: nothing left to delete.
        }
    }

    /// <summary>Deletes the folder and everything in it, if it is still there.</summary>
    public void Dispose()
    {
        if (_folder is { } folder)
        {
            _folder = null;
            try
            {
                folder.Delete(recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Someone cleaned the temporary directory first: nothing left to delete.
            }
        }
    }

    private DirectoryInfo Folder => _folder ?? throw new InvalidOperationException("No file has been made in the folder.");
}
