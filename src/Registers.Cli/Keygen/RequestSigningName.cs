using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;

namespace Registers.Cli.Keygen;

/// <summary>
/// Whether a key's name can sign a write. Writes are signed as HTTP messages under <c>keyid="NAME+hex"</c>, and a
/// signature parameter holds printable ASCII only, though a signed note's key name may hold more: a key named
/// <c>cust/zoë</c> could be made, allowed, and then never write. The protocol's own signer is asked, so its rule is the one kept.
/// </summary>
internal static class RequestSigningName
{
    /// <summary>Whether requests can be signed with <paramref name="key"/>.</summary>
    public static bool CanSign(SignerKey key)
    {
        var request = new HttpRequestParts("POST", "https://registers.invalid/", []);
        try
        {
            HttpMessageSigner.Sign(request, new SignatureParameters { Components = ["@method"], Created = DateTimeOffset.UnixEpoch }, key);
            return true;
        }
        catch (ArgumentException e) when (e.ParamName == nameof(SignatureParameters.KeyId))
        {
            return false;
        }
    }
}
