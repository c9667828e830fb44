namespace Registers.Protocol.HttpSignatures;

/// <summary>Why a <c>Content-Digest</c> field (RFC 9530) does not vouch for a body.</summary>
public enum ContentDigestProblem
{
    /// <summary>The field's SHA-256 digest is that of the body.</summary>
    None,

    /// <summary>There is no <c>Content-Digest</c> field, or it is empty.</summary>
    Missing,

    /// <summary>The field is not a structured dictionary, or its <c>sha-256</c> member is not a 32-byte byte sequence.</summary>
    Malformed,

    /// <summary>The field lists digests, but none by SHA-256, the only algorithm accepted.</summary>
    NoSha256,

    /// <summary>The field's SHA-256 digest is not that of the body.</summary>
    Mismatch,
}
