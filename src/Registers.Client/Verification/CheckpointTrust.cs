using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;

namespace Registers.Client.Verification;

/// <summary>
/// Checks signed checkpoints against a pinned log key: the log's signature must verify, the origin must be the register's,
/// <c>&lt;host&gt;/registers/&lt;name&gt;</c>, and a checkpoint of the empty tree must carry the empty tree's root. The host
/// is the log key's name unless told otherwise (a server names its log key after the host it publishes under).
/// </summary>
public sealed class CheckpointTrust
{
    /// <summary>What the name of a system log's state ends in: no register's name holds a dot.</summary>
    private const string SystemStateSuffix = ".system";

    private readonly Func<string, string> _origin;
    private readonly string _stateSuffix;

    /// <summary>Trusts checkpoints signed by <paramref name="logKey"/>.</summary>
    /// <param name="logKey">The server's log key, pinned (read from a file you trust, not from the server).</param>
    /// <param name="origin">The origin of a register's checkpoints; by default <c>{logKey.Name}/registers/{register}</c>.</param>
    public CheckpointTrust(VerifierKey logKey, Func<string, string>? origin = null)
        : this(logKey, origin, "")
    {
    }

    private CheckpointTrust(VerifierKey logKey, Func<string, string>? origin, string stateSuffix)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        LogKey = logKey;
        _origin = origin ?? (register => $"{logKey.Name}/registers/{register}");
        _stateSuffix = stateSuffix;
    }

    /// <summary>The pinned log key.</summary>
    public VerifierKey LogKey { get; }

    /// <summary>Reads the first verifier key in a key file (one key string a line, as <c>keygen</c> and the server's well-known path give it).</summary>
    /// <exception cref="FormatException">The text holds no verifier key.</exception>
    public static CheckpointTrust FromKeyFile(string text) =>
        KeyFile.ReadVerifiers(text ?? "") is [var key, ..] ? new CheckpointTrust(key) : throw new FormatException("The key file holds no verifier key.");

    /// <summary>Verifies <paramref name="signedNote"/> as a checkpoint of <paramref name="register"/>.</summary>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.CheckpointSignature"/>: not signed by the key, or not this register's;
    /// <see cref="VerificationProblem.ContentsMismatch"/>: a checkpoint of the empty tree with another root;
    /// <see cref="VerificationProblem.MalformedAnswer"/>: not a signed note at all.</exception>
    public VerifiedCheckpoint Verify(string register, string signedNote) => Verify(register, signedNote, _origin(register));

    /// <summary>Verifies <paramref name="signedNote"/> as a checkpoint of <paramref name="register"/>'s system log (its metadata), whose origin ends in <c>/system</c>.</summary>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.CheckpointSignature"/>: not signed by the key, or not this register's;
    /// <see cref="VerificationProblem.ContentsMismatch"/>: a checkpoint of the empty tree with another root;
    /// <see cref="VerificationProblem.MalformedAnswer"/>: not a signed note at all.</exception>
    public VerifiedCheckpoint VerifySystem(string register, string signedNote) => Verify(register, signedNote, _origin(register) + "/system");

    /// <summary>
    /// Verifies <paramref name="signedNote"/> as the log key's statement of how many system entries <paramref name="register"/>
    /// held once its user log reached <paramref name="userSize"/> (<see cref="MetadataSize"/>), and returns that number.
    /// </summary>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.CheckpointSignature"/>: not signed by the key,
    /// or not this register's statement; <see cref="VerificationProblem.WrongAnswer"/>: a statement of another user size;
    /// <see cref="VerificationProblem.MalformedAnswer"/>: not a signed note at all.</exception>
    public long VerifyMetadataSize(string register, string signedNote, long userSize)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        var origin = _origin(register) + MetadataSize.OriginSuffix;
        var verification = new NoteVerifier(LogKey).Verify(signedNote);
        if (verification.Failure == VerificationFailure.MalformedNote)
        {
            throw NotANote(register, "statement of the register's metadata size", verification, signedNote);
        }

        var statement = verification.IsVerified && MetadataSize.TryParse(verification.Note.Text, out var parsed) ? parsed : null;
        if (statement is null || statement.Origin != origin)
        {
            throw new VerificationException(VerificationProblem.CheckpointSignature, register,
                $"The statement of the register's metadata size is refused: {(verification.IsVerified ? "not a metadata size of this register" : verification.ToString())}.",
                $"{SignedBy(LogKey.Name, LogKey.KeyId)} for {origin}", Served(verification, statement?.Origin, signedNote));
        }

        return statement.UserSize == userSize ? statement.SystemSize
            : throw new VerificationException(VerificationProblem.WrongAnswer, register,
                "The server's statement of the register's metadata size is for another user size than the one asked for.",
                userSize.ToString(System.Globalization.CultureInfo.InvariantCulture), statement.UserSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The same key's trust in the checkpoints of registers' system logs (their metadata): what <see cref="VerifySystem"/>
    /// checks, as <see cref="Verify(string, string)"/>, for a tracker of system logs (see <see cref="Tracking.SystemLogSource"/>).
    /// Its own <see cref="VerifySystem"/> would look for a system log's system log: use this one's <see cref="Verify(string, string)"/>.
    /// </summary>
    public CheckpointTrust ForSystemLogs() => new(LogKey, register => _origin(register) + "/system", SystemStateSuffix);

    /// <summary>
    /// The name a tracker keeps <paramref name="register"/>'s state under with this trust: the register's, or for its
    /// system log <c>&lt;register&gt;.system</c>, so that the two logs' checkpoints never meet in one store.
    /// </summary>
    internal string StateName(string register) => register + _stateSuffix;

    /// <summary>The origin of <paramref name="register"/>'s checkpoints (its system log's, for a trust of <see cref="ForSystemLogs"/>).</summary>
    internal string Origin(string register) => _origin(register);

    /// <summary>The origin of <paramref name="signedNote"/> when the pinned key signed it as a checkpoint, of whichever log; null otherwise.</summary>
    internal string? SignedOrigin(string signedNote) => OriginOf(new NoteVerifier(LogKey).Verify(signedNote));

    private VerifiedCheckpoint Verify(string register, string signedNote, string origin)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        var verification = new CheckpointVerifier(origin, LogKey).Verify(signedNote);
        if (verification.Failure == VerificationFailure.MalformedNote)
        {
            throw NotANote(register, "checkpoint", verification.Note, signedNote);
        }

        if (!verification.IsVerified)
        {
            throw new VerificationException(VerificationProblem.CheckpointSignature, register, $"The checkpoint is refused: {verification}.",
                $"{SignedBy(LogKey.Name, LogKey.KeyId)} for {origin}", Served(verification.Note, OriginOf(verification.Note), Signatures(signedNote)))
            {
                NewerCheckpoint = signedNote,
            };
        }

        // The empty tree has one root (RFC 9162 section 2.1.1). Another signed for it is false on its face, and a tracker
        // that trusted it would take any later tree as its extension: from the empty tree there is no proof to ask for.
        if (verification.Checkpoint is { Size: 0, Root: var root } && root != MerkleHash.EmptyRoot)
        {
            throw new VerificationException(VerificationProblem.ContentsMismatch, register,
                $"The checkpoint signs a root for the empty tree of {origin} that is not the empty tree's.",
                $"0 entries, root {MerkleHash.EmptyRoot}", $"0 entries, root {root}")
            {
                NewerCheckpoint = signedNote,
            };
        }

        return new VerifiedCheckpoint(register, verification.Checkpoint, signedNote);
    }

    // Not even shaped as a signed note: an answer that cannot be read, not a signature that failed.
    private static VerificationException NotANote(string register, string what, NoteVerification shape, string text) =>
        new(VerificationProblem.MalformedAnswer, register, $"The {what} is {shape}.", "a signed note", text);

    // Who signed a refused note, and for which log when the pinned key did (its origin line), as the evidence's Actual
    // beside the Expected signer and log; otherwise what stands in for them.
    private string Served(NoteVerification note, string? origin, string otherwise) => note switch
    {
        { Failure: VerificationFailure.NoKnownSignature } => string.Join("; ", note.Unknown.Select(signature => SignedBy(signature.KeyName, signature.KeyId))),
        { IsVerified: true } when origin is not null => $"{SignedBy(LogKey.Name, LogKey.KeyId)} for {origin}",
        _ => otherwise,
    };

    // The origin line of a note whose signatures verified, when it is a checkpoint.
    private static string? OriginOf(NoteVerification note) =>
        note.IsVerified && Checkpoint.TryParse(note.Note.Text, out var checkpoint) ? checkpoint.Origin : null;

    // A key as signatures name it: its name and key id, in hex.
    private static string SignedBy(string name, uint keyId) => $"signed by {name}+{keyId:x8}";

    // The note's signature lines ("\u2014 name base64"): who signed it.
    private static string Signatures(string note) =>
        string.Join("; ", note.Split('\n').Where(line => line.StartsWith("\u2014 ", StringComparison.Ordinal)));
}
