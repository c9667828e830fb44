using Registers.Protocol.Checkpoints;

namespace Registers.Server.Hosting;

/// <summary>An Ed25519 signer key kept in a file of its own (the log key, the admin key), made on first start.</summary>
internal static class SignerKeyFile
{
    /// <summary>
    /// Reads the key in <paramref name="path"/>, generating one named <paramref name="keyName"/> into it if absent; a key
    /// file found open to other users is named in a warning to <paramref name="logger"/>.
    /// </summary>
    /// <exception cref="StartupException">The file cannot be read or made, or holds no key; the message names it and <paramref name="setting"/>.</exception>
    public static (SignerKey Key, bool Created) ReadOrCreate(string path, string setting, string keyName, ILogger logger)
    {
        var (text, created) = SecretFile.ReadOrCreate(path, setting, () =>
        {
            using var fresh = SignerKey.Generate(keyName);
            return fresh.ExportPrivateKey();
        });
        if (!created)
        {
            KeyFileAccess.WarnIfOpen(path, setting, logger);
        }

        try
        {
            return (SignerKey.Parse(text), created);
        }
        catch (Exception failure) when (failure is FormatException or ArgumentException)
        {
            throw new StartupException(
                $"{path} ({setting}) does not hold a signer key: {failure.Message} Restore the key file, or name another with {setting}.", failure);
        }
    }
}
