using System.Buffers.Binary;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// One signature line of a signed note, <c>— &lt;key name&gt; base64(key ID || signature)</c>, as read:
/// nothing here says whether it verifies.
/// </summary>
public sealed class NoteSignature : IEquatable<NoteSignature>
{
    private readonly byte[] _signature;

    /// <summary>A signature by the key named <paramref name="keyName"/> with ID <paramref name="keyId"/>.</summary>
    /// <param name="keyName">The key's name: non-empty, no spaces, no <c>+</c>.</param>
    /// <param name="keyId">The key's 32-bit ID.</param>
    /// <param name="signature">The signature bytes that follow the key ID; at least one.</param>
    /// <exception cref="ArgumentException">The name is not a valid key name, or the signature is empty.</exception>
    public NoteSignature(string keyName, uint keyId, ReadOnlySpan<byte> signature)
    {
        Errors.ThrowIfInvalidKeyName(keyName);

        if (signature.IsEmpty)
        {
            throw Errors.Argument(nameof(signature), "A signature cannot be empty.");
        }

        KeyName = keyName;
        KeyId = keyId;
        _signature = signature.ToArray();
    }

    /// <summary>The name of the key that purportedly signed.</summary>
    public string KeyName { get; }

    /// <summary>The 32-bit ID of the key that purportedly signed.</summary>
    public uint KeyId { get; }

    /// <summary>The signature bytes after the key ID (for a cosignature: timestamp, then Ed25519 signature).</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>The line as written in a note, without its final newline.</summary>
    public override string ToString()
    {
        var bytes = new byte[4 + _signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        _signature.CopyTo(bytes, 4);
        return $"{NoteSyntax.SignaturePrefix}{KeyName} {Convert.ToBase64String(bytes)}";
    }

    /// <summary>Parses one line without its newline; the problem says why it is not a signature line.</summary>
    internal static NoteProblem TryParse(ReadOnlySpan<char> line, out NoteSignature? signature)
    {
        signature = null;
        if (!line.StartsWith(NoteSyntax.SignaturePrefix, StringComparison.Ordinal))
        {
            return NoteProblem.NotASignatureLine;
        }

        // The name ends at the first space; whatever follows must be one base64 string.
        line = line[NoteSyntax.SignaturePrefix.Length..];
        var space = line.IndexOf(' ');
        var name = space < 0 ? line : line[..space];
        if (!NoteSyntax.IsValidKeyName(name))
        {
            return NoteProblem.InvalidKeyName;
        }

        if (space < 0 || !StrictBase64.TryDecode(line[(space + 1)..], out var bytes))
        {
            return NoteProblem.SignatureNotBase64;
        }

        if (bytes.Length < 5)
        {
            return NoteProblem.SignatureTooShort;
        }

        signature = new NoteSignature(name.ToString(), BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes.AsSpan(4));
        return NoteProblem.None;
    }

    /// <summary>Same key name, key ID and signature bytes.</summary>
    public bool Equals(NoteSignature? other) =>
        other is not null && KeyName == other.KeyName && KeyId == other.KeyId && _signature.AsSpan().SequenceEqual(other._signature);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NoteSignature);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(KeyName, KeyId);
}
