namespace Registers.Protocol.Checkpoints;

/// <summary>
/// The signature type identifier bytes of C2SP signed-note that this library implements. The byte goes
/// into the key ID hash and leads the key material in a key string, so the same Ed25519 key pair gives
/// different key IDs for plain note signatures and for cosignatures (domain separation).
/// </summary>
public enum SignatureType : byte
{
    /// <summary>0x01: Ed25519 over the note text (C2SP signed-note).</summary>
    Ed25519 = 0x01,

    /// <summary>0x04: timestamped Ed25519 witness cosignature over a checkpoint (C2SP tlog-cosignature).</summary>
    Ed25519CosignatureV1 = 0x04,
}
