namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Why an HTTP request signature was refused, in the order the verifier checks: the first failing
/// check is the one reported.
/// </summary>
public enum HttpSignatureFailure
{
    /// <summary>The signature verified.</summary>
    None,

    /// <summary>The <c>Signature-Input</c> or <c>Signature</c> field is absent or empty, or lacks the label the other has (or the policy asks for).</summary>
    MissingHeaders,

    /// <summary>The policy names no label and <c>Signature-Input</c> holds several signatures, so which one to check is ambiguous.</summary>
    AmbiguousLabel,

    /// <summary>
    /// A field is not a structured dictionary (<see cref="HttpSignatureVerification.SyntaxError"/>
    /// says why), or its member has the wrong shape: a signature input that is not an inner list, a
    /// signature that is not a byte sequence, or a signature parameter of the wrong type.
    /// </summary>
    Malformed,

    /// <summary>The <c>alg</c> parameter names an algorithm other than <c>ed25519</c>, or the key found is not an Ed25519 note key.</summary>
    WrongAlgorithm,

    /// <summary>The signature has no <c>created</c> parameter and the policy requires one.</summary>
    MissingCreated,

    /// <summary>A component the policy requires is not covered (<see cref="HttpSignatureVerification.Component"/> names it).</summary>
    ComponentNotCovered,

    /// <summary>The signature was created later than now by more than the allowed clock skew.</summary>
    CreatedInFuture,

    /// <summary>The signature is older than the policy's maximum age, or its <c>expires</c> time (plus clock skew) has passed.</summary>
    Expired,

    /// <summary>The signature has no <c>keyid</c>, or the key resolver does not know it.</summary>
    UnknownKey,

    /// <summary>
    /// A covered component cannot be put in the signature base
    /// (<see cref="HttpSignatureVerification.ComponentProblem"/> says why).
    /// </summary>
    InvalidComponent,

    /// <summary>The Ed25519 signature does not verify over the signature base with the key.</summary>
    BadSignature,

    /// <summary>
    /// The signature verified and covers <c>content-digest</c>, but the field does not match the body
    /// received (<see cref="HttpSignatureVerification.DigestProblem"/> says how).
    /// </summary>
    DigestMismatch,
}
