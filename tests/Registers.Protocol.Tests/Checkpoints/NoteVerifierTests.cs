using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.Tests.Checkpoints;

public sealed class NoteVerifierTests : IDisposable
{
    private const string Text = "a note\nof two lines\n";
    private readonly SignerKey _alice = SignerKey.Generate("alice.example");
    private readonly SignerKey _bob = SignerKey.Generate("bob.example");

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public void A_note_signed_and_verified_with_generated_keys_round_trips()
    {
        var note = NoteSigner.Sign(Text, _alice, _bob);

        var result = new NoteVerifier(_alice.VerifierKey, _bob.VerifierKey).Verify(note.ToString());

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(Text, result.Note.Text);
        Assert.Equal([_alice.VerifierKey, _bob.VerifierKey], result.Verified.Select(v => v.Key));
        Assert.All(result.Verified, v => Assert.Null(v.Timestamp));
        Assert.Equal("verified by alice.example, bob.example", result.ToString());
    }

    [Fact]
    public void Signatures_from_unknown_keys_are_ignored()
    {
        var note = NoteSigner.Sign(Text, _bob, _alice);

        var result = new NoteVerifier(_alice.VerifierKey).Verify(note);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(_alice.VerifierKey, result.Verified.Single().Key);
        Assert.Equal(note.Signatures[0], result.Unknown.Single());
    }

    [Fact]
    public void A_key_sharing_only_the_name_or_only_the_key_id_with_a_known_key_is_unknown()
    {
        using var sameName = SignerKey.Generate("alice.example");
        var genuine = NoteSigner.Sign(Text, _alice).Signatures.Single();
        var sameId = new NoteSignature("mallory.example", genuine.KeyId, genuine.Signature);
        var note = new SignedNote(Text, [NoteSigner.Sign(Text, sameName).Signatures.Single(), sameId]);

        var result = new NoteVerifier(_alice.VerifierKey).Verify(note);

        Assert.Equal(VerificationFailure.NoKnownSignature, result.Failure);
        Assert.Equal(2, result.Unknown.Count);
        Assert.Empty(result.Verified);
    }

    [Fact]
    public void A_bad_signature_from_a_known_key_refuses_the_whole_note_and_names_the_key()
    {
        var forged = new NoteSignature(_bob.Name, _bob.KeyId, NoteSigner.Sign("other text\n", _bob).Signatures[0].Signature);
        var note = NoteSigner.Sign(Text, _alice).WithSignatures([forged]);

        var result = new NoteVerifier(_alice.VerifierKey, _bob.VerifierKey).Verify(note);

        Assert.False(result.IsVerified);
        Assert.Equal(VerificationFailure.InvalidSignature, result.Failure);
        Assert.Equal(_bob.VerifierKey, result.RejectedKey);
        Assert.Empty(result.Verified);
        Assert.Contains("bob.example", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_signature_by_a_known_key_is_checked_not_only_the_first()
    {
        var good = NoteSigner.Sign(Text, _alice).Signatures.Single();
        var bad = new NoteSignature(_alice.Name, _alice.KeyId, new byte[64]);

        var result = new NoteVerifier(_alice.VerifierKey).Verify(new SignedNote(Text, [good, bad]));

        Assert.Equal(VerificationFailure.InvalidSignature, result.Failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(65)]
    public void A_known_key_signature_of_the_wrong_length_is_invalid_not_an_error(int length)
    {
        var note = new SignedNote(Text, [new NoteSignature(_alice.Name, _alice.KeyId, new byte[length])]);

        Assert.Equal(VerificationFailure.InvalidSignature, new NoteVerifier(_alice.VerifierKey).Verify(note).Failure);
    }

    [Fact]
    public void No_signature_from_a_known_key_is_not_verified()
    {
        var result = new NoteVerifier(_alice.VerifierKey).Verify(NoteSigner.Sign(Text, _bob));

        Assert.Equal(VerificationFailure.NoKnownSignature, result.Failure);
        Assert.NotNull(result.Note);
        Assert.Single(result.Unknown);
    }

    [Fact]
    public void A_malformed_note_is_a_typed_failure_not_an_exception()
    {
        var verifier = new NoteVerifier(_alice.VerifierKey);

        var fromText = verifier.Verify("no signatures\n");
        var fromBytes = verifier.Verify([0xff, 0x0a, 0x0a]);

        Assert.Equal(VerificationFailure.MalformedNote, fromText.Failure);
        Assert.Equal(NoteProblem.NoSignatureBlock, fromText.NoteProblem);
        Assert.Null(fromText.Note);
        Assert.Equal(NoteProblem.NotUtf8, fromBytes.NoteProblem);
        Assert.Equal("not a signed note: it is not valid UTF-8", fromBytes.ToString());
    }

    [Fact]
    public void Text_that_is_not_utf8_safe_or_keys_that_cosign_cannot_be_signed_as_a_note()
    {
        using var cosigner = SignerKey.Generate("w.example", SignatureType.Ed25519CosignatureV1);

        Assert.Throws<ArgumentException>(() => NoteSigner.Sign("no newline", _alice));
        Assert.Throws<ArgumentException>(() => NoteSigner.Sign("bell \u0007\n", _alice));
        Assert.Throws<ArgumentException>(() => NoteSigner.Sign("lone " + '\ud800' + "\n", _alice));
        Assert.Throws<ArgumentException>(() => NoteSigner.Sign(Text));
        Assert.Throws<ArgumentException>(() => NoteSigner.Sign(Text, cosigner));
    }

    [Fact]
    public void Adding_signatures_to_a_note_keeps_the_text_and_replaces_a_key_s_old_signature()
    {
        var note = NoteSigner.Sign(Text, _alice);

        var both = NoteSigner.AddSignatures(note, _bob, _alice);

        Assert.Equal([_bob.Name, _alice.Name], both.Signatures.Select(s => s.KeyName));
        Assert.True(new NoteVerifier(_alice.VerifierKey, _bob.VerifierKey).Verify(both).IsVerified);
    }

    [Fact]
    public void The_same_key_given_twice_is_one_known_key()
    {
        var verifier = new NoteVerifier(_alice.VerifierKey, VerifierKey.Parse(_alice.VerifierKey.ToString()));

        Assert.Single(verifier.Keys);
    }
}
