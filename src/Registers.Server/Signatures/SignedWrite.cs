namespace Registers.Server.Signatures;

/// <summary>
/// Who signed a write and how: kept with the batch, so an auditor can rebuild the signature base
/// (RFC 9421) and check the signature against the key the register listed at the time.
/// </summary>
/// <param name="KeyId">The signing key's id, <c>name+hex</c>.</param>
/// <param name="Method">The request method.</param>
/// <param name="TargetUri">The request's target URI as signed.</param>
/// <param name="SignatureInput">The <c>Signature-Input</c> field value.</param>
/// <param name="Signature">The <c>Signature</c> field value.</param>
/// <param name="Fields">The header fields the signature covers (e.g. <c>content-digest</c>, the body's SHA-256), by lower-case name.</param>
/// <param name="Created">The signature's <c>created</c> time, Unix seconds.</param>
public sealed record SignedWrite(string KeyId, string Method, string TargetUri, string SignatureInput, string Signature, IReadOnlyDictionary<string, string> Fields, long? Created);
