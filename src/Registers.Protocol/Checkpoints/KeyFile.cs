namespace Registers.Protocol.Checkpoints;

/// <summary>
/// The text of key files, for whoever does the file I/O: the server keeps its log key in one, custodians
/// and witnesses keep theirs, and trusted public keys are listed one per line.
/// </summary>
/// <remarks>
/// A signer key file is the signer key string and a newline. A verifier key file is verifier key
/// strings, one per line; blank lines and lines starting with <c>#</c> are ignored. Surrounding
/// white space (such as a Windows line end) is ignored on reading.
/// </remarks>
public static class KeyFile
{
    /// <summary>The text of a signer key file. It is the secret: write it with owner-only permissions.</summary>
    public static string Write(SignerKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportPrivateKey() + "\n";
    }

    /// <summary>The text of a verifier key file listing <paramref name="keys"/>.</summary>
    public static string Write(IEnumerable<VerifierKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return string.Concat(keys.Select(key => key.ToString() + "\n"));
    }

    /// <summary>Reads a signer key file.</summary>
    /// <exception cref="FormatException">The file does not hold exactly one valid signer key.</exception>
    public static SignerKey ReadSigner(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SignerKey.TryParse(text.Trim(), out var key, out var problem) ? key : throw Errors.NotAKeyFile(1, problem);
    }

    /// <summary>Reads a verifier key file.</summary>
    /// <exception cref="FormatException">A line is not a valid verifier key; the message gives its number.</exception>
    public static IReadOnlyList<VerifierKey> ReadVerifiers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<VerifierKey>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            keys.Add(VerifierKey.TryParse(line, out var key, out var problem) ? key : throw Errors.NotAKeyFile(i + 1, problem));
        }

        return keys;
    }
}
