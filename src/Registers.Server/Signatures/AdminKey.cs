using Registers.Protocol.Checkpoints;
using Registers.Server.Hosting;

namespace Registers.Server.Signatures;

/// <summary>
/// The administrator's Ed25519 key: it may create registers, list and revoke custodian keys, and
/// write anywhere. Read from its file, or generated into it (owner-only) on first start, where the
/// <c>registers</c> command on the same machine picks it up.
/// </summary>
public sealed class AdminKey(VerifierKey key)
{
    /// <summary>The public half the server checks admin signatures with.</summary>
    public VerifierKey Key { get; } = key;

    /// <summary>
    /// Whether <paramref name="key"/> may not be listed as a custodian key beside the admin key <paramref name="admin"/>:
    /// it shares its key id (a request's key id would name two keys), or its public key under any name (the admin key
    /// listed as a custodian key could be revoked in the log while it still writes).
    /// </summary>
    public static bool Clashes(VerifierKey admin, VerifierKey key) =>
        admin.KeyId == key.KeyId || admin.PublicKey.SequenceEqual(key.PublicKey);

    /// <summary>Reads the key file named by <paramref name="options"/>, generating it first if absent.</summary>
    public static AdminKey FromOptions(ServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (key, created) = SignerKeyFile.ReadOrCreate(
            options.AdminKeyPath, ServerOptions.Setting(nameof(ServerOptions.AdminKeyFile)), options.PublicHost.Replace('+', '-').Replace(' ', '-') + "/admin", logger);
        using var signer = key;
        if (created)
        {
            logger.LogInformation("Generated the admin key {Key} in {File} (readable only by its owner)", signer.VerifierKey, options.AdminKeyPath);
        }

        return new AdminKey(signer.VerifierKey);
    }
}
