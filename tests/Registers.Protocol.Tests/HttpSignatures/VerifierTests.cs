using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>Signed writes that verify, the edges of the time window, and fields that are tampered with at random.</summary>
public sealed class VerifierTests : SignedWriteTests
{
    [Fact]
    public void A_signed_write_verifies_and_says_who_signed_when_and_what()
    {
        var headers = Sign(Request(), Components);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, Now);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(HttpSignatureFailure.None, result.Failure);
        Assert.Equal("sig1", result.Verified.Label);
        Assert.Equal(HttpSignatureKeyIds.Of(Key.VerifierKey), result.Verified.KeyId);
        Assert.Equal(Key.VerifierKey, result.Verified.Key);
        Assert.Equal(Created.ToUnixTimeSeconds(), result.Verified.Created);
        Assert.Null(result.Verified.Expires);
        Assert.Equal(Components, result.Verified.CoveredComponents);
        Assert.Equal(Convert.FromBase64String(headers.Signature[6..^1]), result.Verified.Signature.ToArray());
        Assert.Equal(64, result.Verified.Signature.Length);
        Assert.Equal($"verified: {result.Verified.KeyId} (sig1)", result.ToString());
    }

    [Fact]
    public void Nonce_tag_and_expires_come_back_with_the_verified_signature()
    {
        var headers = HttpMessageSigner.Sign(Request(), new SignatureParameters
        {
            Components = Components, Created = Created, Expires = Created.AddMinutes(1), Nonce = "abc", Tag = "registers",
        }, Key);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, Now);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal((Created.ToUnixTimeSeconds() + 60, "abc", "registers"), (result.Verified.Expires, result.Verified.Nonce, result.Verified.Tag));
    }

    /// <summary>The edges of the time window: each second inside is taken, the next one out is not.</summary>
    [Theory]
    [InlineData(-60, HttpSignatureFailure.None)]
    [InlineData(-61, HttpSignatureFailure.CreatedInFuture)]
    [InlineData(300, HttpSignatureFailure.None)]
    [InlineData(301, HttpSignatureFailure.Expired)]
    public void Created_may_be_up_to_the_skew_ahead_and_up_to_the_maximum_age_behind(int secondsSinceCreated, HttpSignatureFailure expected)
    {
        var headers = Sign(Request(), Components);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, Created.AddSeconds(secondsSinceCreated));

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public void A_signature_is_taken_until_the_moment_the_policy_says_it_is_too_old_and_not_from_then()
    {
        var headers = Sign(Request(), Components);
        var tooOldFrom = Verifier().Policy.TooOldFrom(Created.ToUnixTimeSeconds());

        Assert.Equal(HttpSignatureFailure.None, Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, tooOldFrom.AddTicks(-1)).Failure);
        Assert.Equal(HttpSignatureFailure.Expired, Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, tooOldFrom).Failure);
    }

    [Theory]
    [InlineData(60, HttpSignatureFailure.None)]
    [InlineData(61, HttpSignatureFailure.Expired)]
    public void An_expires_time_is_honoured_up_to_the_clock_skew(int secondsPastExpiry, HttpSignatureFailure expected)
    {
        var expires = Created.AddSeconds(30);
        var headers = HttpMessageSigner.Sign(Request(), new SignatureParameters { Components = Components, Created = Created, Expires = expires }, Key);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, expires.AddSeconds(secondsPastExpiry));

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public void A_write_without_a_body_needs_no_digest_and_at_path_meets_the_resource_requirement()
    {
        var request = new HttpRequestParts("DELETE", "https://registers.example/country/records/GB", []);
        var headers = Sign(request, ["@method", "@path"]);

        Assert.True(Verifier().Verify(request, headers.SignatureInput, headers.Signature, Now).IsVerified);
    }

    [Fact]
    public void With_several_signatures_the_policys_label_picks_one()
    {
        var mine = Sign(Request(), Components);
        var proxy = HttpMessageSigner.Sign(Request(), new SignatureParameters { Components = ["@method"], Created = Created, Label = "proxy" }, Other);
        var verifier = new HttpSignatureVerifier([Key.VerifierKey], HttpSignaturePolicy.CustodianWrites with { Label = "sig1" });

        var result = verifier.Verify(Request(), $"{proxy.SignatureInput}, {mine.SignatureInput}", $"{proxy.Signature}, {mine.Signature}", Now);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal("sig1", result.Verified.Label);
    }

    [Fact]
    public void The_sameKey_signs_and_verifies_under_a_policy_without_requirements()
    {
        var request = new HttpRequestParts("GET", "https://registers.example/", []);
        var headers = HttpMessageSigner.Sign(request, new SignatureParameters { Components = [], Created = Created }, Key);
        var lax = new HttpSignatureVerifier([Key.VerifierKey], new HttpSignaturePolicy());

        Assert.StartsWith("sig1=();created=1750000000;keyid=", headers.SignatureInput, StringComparison.Ordinal);
        Assert.True(lax.Verify(request, headers.SignatureInput, headers.Signature, Now).IsVerified);
    }

    /// <summary>
    /// Whatever a byte of the fields is changed to, verification answers without throwing, and never
    /// accepts a different signature. (A change in base64's unused pad bits decodes to the same bytes,
    /// which is the same signature.)
    /// </summary>
    [Fact]
    public void No_single_character_change_to_the_fields_throws_or_is_accepted_as_another_signature()
    {
        var headers = Sign(Request(), Components);
        var verifier = Verifier();
        var original = verifier.Verify(Request(), headers.SignatureInput, headers.Signature, Now).Verified!;
        var random = new Random(9421);
        for (var i = 0; i < 3000; i++)
        {
            var inInput = i % 2 == 0;
            var field = inInput ? headers.SignatureInput : headers.Signature;
            var chars = field.ToCharArray();
            chars[random.Next(chars.Length)] = (char)random.Next(0, 256);
            var changed = new string(chars);

            var result = inInput
                ? verifier.Verify(Request(), changed, headers.Signature, Now)
                : verifier.Verify(Request(), headers.SignatureInput, changed, Now);

            if (result.IsVerified)
            {
                Assert.True(original.Signature.Span.SequenceEqual(result.Verified.Signature.Span), changed);
                Assert.Equal(original.CoveredComponents, result.Verified.CoveredComponents);
            }
        }
    }
}
