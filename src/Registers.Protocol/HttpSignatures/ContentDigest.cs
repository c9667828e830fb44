using System.Diagnostics.CodeAnalysis;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// The <c>Content-Digest</c> field of RFC 9530 with SHA-256: <c>sha-256=:&lt;base64&gt;:</c>, a
/// structured dictionary from algorithm to digest. Writing gives SHA-256 alone; reading picks the
/// <c>sha-256</c> member and ignores any other algorithm listed beside it.
/// </summary>
/// <remarks>
/// A body streamed in chunks can be hashed as it goes (for example with
/// <see cref="System.Security.Cryptography.IncrementalHash"/>) and its digest passed in here.
/// </remarks>
public static class ContentDigest
{
    /// <summary>The algorithm key RFC 9530 registers for SHA-256.</summary>
    public const string Sha256Key = "sha-256";

    /// <summary>The field value for <paramref name="body"/>: <c>sha-256=:&lt;base64 of SHA-256(body)&gt;:</c>.</summary>
    public static string Of(ReadOnlySpan<byte> body) => Format(Digest.Of(body));

    /// <summary>The field value for a body whose SHA-256 is <paramref name="sha256"/>.</summary>
    public static string Format(Digest sha256) => $"{Sha256Key}=:{sha256.ToBase64()}:";

    /// <summary>Reads the SHA-256 digest a <c>Content-Digest</c> field value states.</summary>
    /// <param name="fieldValue">The field value, several field lines joined by commas; null when absent.</param>
    /// <param name="sha256">The stated digest, when there is one.</param>
    /// <param name="problem">Why there is none: missing, malformed, or no SHA-256 member.</param>
    public static bool TryParseSha256([NotNullWhen(true)] string? fieldValue, out Digest sha256, out ContentDigestProblem problem)
    {
        sha256 = default;
        problem = ContentDigestProblem.None;
        if (fieldValue is null || !SfParser.TryParseDictionary(fieldValue, out var dictionary, out _, out _))
        {
            problem = fieldValue is null ? ContentDigestProblem.Missing : ContentDigestProblem.Malformed;
        }
        else if (dictionary.Count == 0)
        {
            problem = ContentDigestProblem.Missing;
        }
        else if (dictionary.Find(Sha256Key) is not { } member)
        {
            problem = ContentDigestProblem.NoSha256;
        }
        else if (member is not SfItem { Value: SfByteSequence { Value.Length: Digest.Length } bytes })
        {
            problem = ContentDigestProblem.Malformed;
        }
        else
        {
            sha256 = Digest.FromBytes(bytes.Value);
        }

        return problem == ContentDigestProblem.None;
    }

    /// <summary>Checks a <c>Content-Digest</c> field value against the SHA-256 of the body received.</summary>
    /// <returns><see cref="ContentDigestProblem.None"/> when the field's SHA-256 digest is <paramref name="bodySha256"/>.</returns>
    public static ContentDigestProblem Check(string? fieldValue, Digest bodySha256)
    {
        if (!TryParseSha256(fieldValue, out var stated, out var problem))
        {
            return problem;
        }

        return stated == bodySha256 ? ContentDigestProblem.None : ContentDigestProblem.Mismatch;
    }

    /// <summary>Checks a <c>Content-Digest</c> field value against the body received.</summary>
    public static ContentDigestProblem Check(string? fieldValue, ReadOnlySpan<byte> body) =>
        Check(fieldValue, Digest.Of(body));
}
