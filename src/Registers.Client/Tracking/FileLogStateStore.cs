namespace Registers.Client.Tracking;

/// <summary>
/// Keeps log state in a folder: <c>&lt;register&gt;.checkpoint</c> holds the last verified signed checkpoint (replaced
/// atomically, so a crash leaves the old one or the new one), <c>&lt;register&gt;.evidence</c> the evidence of every
/// inconsistency found, each added after the last (a blank line between).
/// </summary>
public sealed class FileLogStateStore : ILogStateStore
{
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
        // Added to, never replaced: a server that forks again must not erase the proof of the first fork.
        await using var file = new StreamWriter(EvidenceFile(register), append: true);
        await file.WriteAsync(((file.BaseStream.Length > 0 ? "\n" : "") + evidence).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private string PathOf(string register, string kind) => Path.Combine(_folder, $"{Uri.EscapeDataString(register)}.{kind}");

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        // A temporary file of this save's own: writers at once (trackers, stores or processes sharing the folder) would
        // otherwise write into one file together and move it from under each other.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // left only when the write or the move failed
        }
    }
}
