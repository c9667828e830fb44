using Registers.Protocol.Hashing;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Signs a log's checkpoints with the log's own key: what the register server does after each commit.
/// </summary>
/// <remarks>
/// The signer does not own the key: whoever made the <see cref="SignerKey"/> disposes of it. The log
/// must never sign two checkpoints that are not consistent with each other; that is the caller's
/// duty (sign only committed heads).
/// </remarks>
public sealed class CheckpointSigner
{
    private readonly SignerKey _logKey;

    /// <summary>A signer using <paramref name="logKey"/>.</summary>
    /// <exception cref="ArgumentException">The key is a cosignature key, not an Ed25519 note key.</exception>
    public CheckpointSigner(SignerKey logKey)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        if (logKey.Type != SignatureType.Ed25519)
        {
            throw Errors.Argument(nameof(logKey), "A log signs its checkpoints with an Ed25519 note key.");
        }

        _logKey = logKey;
    }

    /// <summary>The public key that verifies what this signer signs; publish it.</summary>
    public VerifierKey VerifierKey => _logKey.VerifierKey;

    /// <summary>Signs <paramref name="checkpoint"/>.</summary>
    public SignedNote Sign(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return NoteSigner.Sign(checkpoint.ToString(), _logKey);
    }

    /// <summary>
    /// The signed checkpoint text for the tree of <paramref name="size"/> leaves with root
    /// <paramref name="root"/> in the log <paramref name="origin"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The origin is empty or not one line.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public string Sign(string origin, long size, Digest root) =>
        Sign(new Checkpoint(origin, size, root)).ToString();
}
