using Registers.Protocol.Checkpoints;

namespace Registers.Client.Verification;

/// <summary>A checkpoint whose signature the pinned log key checked, with the signed note it came in.</summary>
/// <param name="Register">The register it is of.</param>
/// <param name="Checkpoint">The checkpoint: origin, size and root.</param>
/// <param name="SignedNote">The signed note exactly as served, to keep or show as evidence.</param>
public sealed record VerifiedCheckpoint(string Register, Checkpoint Checkpoint, string SignedNote)
{
    /// <summary>The tree size.</summary>
    public long Size => Checkpoint.Size;

    /// <summary>"checkpoint N (root sha-256:...)".</summary>
    public override string ToString() => $"checkpoint {Checkpoint.Size} (root {Checkpoint.Root})";
}
