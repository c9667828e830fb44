using System.Text;

namespace Registers.Protocol.Checkpoints;

/// <summary>Signs note text with Ed25519 signer keys (C2SP signed-note, signature type 0x01).</summary>
public static class NoteSigner
{
    /// <summary>Signs <paramref name="text"/> with each key, in order.</summary>
    /// <param name="text">The text: ends in a newline, no control characters but newline.</param>
    /// <param name="keys">One or more keys of type <see cref="SignatureType.Ed25519"/>.</param>
    /// <exception cref="ArgumentException">The text could not be a note's text, no key is given, or a key is a cosignature key.</exception>
    public static SignedNote Sign(string text, params ReadOnlySpan<SignerKey> keys)
    {
        SignedNote.ValidateText(text);
        return new SignedNote(text, SignCore(text, keys));
    }

    /// <summary>
    /// Adds signatures by <paramref name="keys"/> to <paramref name="note"/>, replacing any present
    /// signature by the same key.
    /// </summary>
    /// <exception cref="ArgumentException">No key is given, or a key is a cosignature key.</exception>
    public static SignedNote AddSignatures(SignedNote note, params ReadOnlySpan<SignerKey> keys)
    {
        ArgumentNullException.ThrowIfNull(note);
        return note.WithSignatures(SignCore(note.Text, keys));
    }

    private static NoteSignature[] SignCore(string text, ReadOnlySpan<SignerKey> keys)
    {
        if (keys.IsEmpty)
        {
            throw Errors.Argument(nameof(keys), "Signing needs at least one key.");
        }

        var message = Encoding.UTF8.GetBytes(text);
        var signatures = new NoteSignature[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i] ?? throw new ArgumentNullException(nameof(keys));

            // A cosignature key signs a different message, with a time: see Cosignature.Sign.
            if (key.Type != SignatureType.Ed25519)
            {
                throw Errors.Argument(nameof(keys), $"Key {key} is not an Ed25519 note key; cosign with Cosignature.Sign.");
            }

            signatures[i] = new NoteSignature(key.Name, key.KeyId, key.Sign(message));
        }

        return signatures;
    }
}
