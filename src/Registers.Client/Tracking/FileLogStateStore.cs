using System.Collections.Concurrent;
using System.Text;
using Registers.Shared;

namespace Registers.Client.Tracking;

/// <summary>
/// Keeps log state in a folder: <c>&lt;register&gt;.checkpoint</c> holds the last verified signed checkpoint (replaced
/// atomically, so a crash leaves the old one or the new one), <c>&lt;register&gt;.evidence</c> the evidence of every
/// inconsistency, rollback, refused proof or false empty-tree root found, each added after the last (a blank line between), and <c>&lt;register&gt;.lock</c> is what
/// trackers sharing the folder, in any process, take turns on. A system log's are <c>&lt;register&gt;.system.checkpoint</c>
/// and so on (see <see cref="LogStateTracker.StateName"/>).
/// </summary>
public sealed class FileLogStateStore : ILogStateStore
{
    // This process's trackers of one folder wait on a gate of its lock file's, in turn, so that only one of them at a
    // time waits on the file itself (held open with no sharing: a lock of the operating system's, let go when the handle
    // closes or its process dies).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(20);

    private readonly string _folder;

    /// <summary>A store in <paramref name="folder"/>, created if absent.</summary>
    public FileLogStateStore(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>The file that holds the last verified checkpoint of <paramref name="register"/>.</summary>
    public string CheckpointFile(string register) => PathOf(register, "checkpoint");

    /// <summary>The file that holds the evidence for <paramref name="register"/>.</summary>
    public string EvidenceFile(string register) => PathOf(register, "evidence");

    /// <summary>The file trackers of <paramref name="register"/> sharing this folder take turns on.</summary>
    public string LockFile(string register) => PathOf(register, "lock");

    /// <inheritdoc/>
    public async Task<IAsyncDisposable> LockAsync(string register, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(LockFile(register));
        var gate = Gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                try
                {
                    return new HeldLock(gate, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException held) when (FileLocks.HeldElsewhere(held))
                {
                    await Task.Delay(LockPoll, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<string?> LoadAsync(string register, CancellationToken cancellationToken)
    {
        // Anything in the file's place is read, so that a directory there fails: taken for no checkpoint, it would let
        // the next checkpoint be trusted on its signature alone.
        var path = CheckpointFile(register);
        return Path.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <inheritdoc/>
    public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(CheckpointFile(register), signedNote, cancellationToken);

    /// <inheritdoc/>
    public async Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken)
    {
        // Added to, never replaced: a server that forks again must not erase the proof of the first fork. The same
        // evidence again (every lookup refused for one fork) is kept once.
        var bytes = Encoding.UTF8.GetBytes(evidence);
        await using var file = new FileStream(EvidenceFile(register), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (file.Length >= bytes.Length)
        {
            var last = new byte[bytes.Length];
            file.Seek(-bytes.Length, SeekOrigin.End);
            await file.ReadExactlyAsync(last, cancellationToken).ConfigureAwait(false);
            if (last.AsSpan().SequenceEqual(bytes))
            {
                return;
            }
        }

        file.Seek(0, SeekOrigin.End);
        if (file.Length > 0)
        {
            file.WriteByte((byte)'\n');
        }

        await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
    }


    private string PathOf(string register, string kind) => Path.Combine(_folder, $"{Uri.EscapeDataString(register)}.{kind}");

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        // A temporary file of this save's own: writers at once (trackers, stores or processes sharing the folder) would
        // otherwise write into one file together and move it from under each other.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            // On disk before it replaces the old file: a crash must leave the old checkpoint or the new, never an empty file.
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // left only when the write or the move failed
        }
    }
}
