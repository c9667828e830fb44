using System.IO.Pipelines;

namespace Registers.Server.Writes;

/// <summary>
/// A client's body received whole into a file, so that loading it waits on the disk, never on the client.
/// The file is deleted when this is disposed (or when its handle closes, should the server fail first).
/// </summary>
public sealed class ReceivedUpload : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly FileStream _file;

    private ReceivedUpload(FileStream file) => _file = file;

    /// <summary>Receives <paramref name="body"/> into a new file at <paramref name="path"/>; the file is deleted if the body fails (too large, altered, broken off).</summary>
    public static async Task<ReceivedUpload> ReceiveAsync(Stream body, string path, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(body);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = BufferSize,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // a load may be refused, or not yet the register's: not for other users
        }

        var file = new FileStream(path, options);
        try
        {
            await body.CopyToAsync(file, BufferSize, cancellation);
            await file.FlushAsync(cancellation);
            return new ReceivedUpload(file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The received bytes from the start; the file stays open after the reader completes.</summary>
    public PipeReader Read()
    {
        _file.Position = 0;
        return PipeReader.Create(_file, new StreamPipeReaderOptions(bufferSize: BufferSize, leaveOpen: true));
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
