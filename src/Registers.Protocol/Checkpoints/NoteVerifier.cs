using System.Text;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Verifies signed notes against a fixed set of known keys, following C2SP signed-note: signatures by
/// unknown keys are ignored (even when they share a name or an ID, but not both, with a known key);
/// every signature by a known key must verify, or the whole note is refused; and at least one must.
/// </summary>
/// <remarks>Immutable once made; safe to share between threads.</remarks>
public sealed class NoteVerifier
{
    private readonly Dictionary<(string Name, uint KeyId), VerifierKey> _keys = [];

    /// <summary>A verifier that knows <paramref name="keys"/>.</summary>
    /// <exception cref="ArgumentException">Two different keys share a name and key ID, so a signature could not tell them apart.</exception>
    public NoteVerifier(IEnumerable<VerifierKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (_keys.TryGetValue((key.Name, key.KeyId), out var known) && !known.Equals(key))
            {
                throw Errors.Argument(nameof(keys), $"Keys {known} and {key} share a name and key ID.");
            }

            _keys[(key.Name, key.KeyId)] = key;
        }
    }

    /// <inheritdoc cref="NoteVerifier(IEnumerable{VerifierKey})"/>
    public NoteVerifier(params VerifierKey[] keys)
        : this((IEnumerable<VerifierKey>)keys)
    {
    }

    /// <summary>The known keys.</summary>
    public IReadOnlyCollection<VerifierKey> Keys => _keys.Values;

    /// <summary>Parses and verifies a signed note given as UTF-8 bytes.</summary>
    public NoteVerification Verify(ReadOnlySpan<byte> utf8) =>
        SignedNote.TryParse(utf8, out var note, out var problem) ? Verify(note) : NoteVerification.Malformed(problem);

    /// <summary>Parses and verifies a signed note given as a string.</summary>
    public NoteVerification Verify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SignedNote.TryParse(text, out var note, out var problem) ? Verify(note) : NoteVerification.Malformed(problem);
    }

    /// <summary>Verifies the signatures of a parsed note.</summary>
    public NoteVerification Verify(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var text = Encoding.UTF8.GetBytes(note.Text);
        var verified = new List<VerifiedSignature>();
        var unknown = new List<NoteSignature>();
        foreach (var signature in note.Signatures)
        {
            if (!_keys.TryGetValue((signature.KeyName, signature.KeyId), out var key))
            {
                unknown.Add(signature);
            }
            else if (key.Verify(text, signature.Signature, out var timestamp))
            {
                verified.Add(new VerifiedSignature(key, signature, timestamp));
            }
            else
            {
                return NoteVerification.Rejected(note, key);
            }
        }

        return NoteVerification.Checked(note, verified, unknown);
    }
}
