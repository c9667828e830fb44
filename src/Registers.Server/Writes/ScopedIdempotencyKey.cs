namespace Registers.Server.Writes;

/// <summary>
/// An idempotency key as the server keeps it: the signer's own. Custodians who share a register can predict each other's
/// keys (the command derives a load's from the file), so a key shared across signers would let one of them take another's
/// first: to block that write, or to have it answered with someone else's receipt.
/// </summary>
/// <param name="Signer">The signing key's id (<c>name+hex</c>); null for the server's own unsigned writes, a signer of their own.</param>
/// <param name="Key">The <c>Idempotency-Key</c> the write carried.</param>
public readonly record struct ScopedIdempotencyKey(string? Signer, string Key);
