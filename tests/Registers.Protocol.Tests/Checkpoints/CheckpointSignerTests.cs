using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Checkpoints;

public sealed class CheckpointSignerTests : IDisposable
{
    private const string Origin = "registers.example/country";
    private static readonly Digest Root = MerkleHash.Leaf("root"u8);
    private readonly SignerKey _log = SignerKey.Generate(Origin);
    private readonly SignerKey _witness = SignerKey.Generate("witness.example/w1", SignatureType.Ed25519CosignatureV1);

    public void Dispose()
    {
        _log.Dispose();
        _witness.Dispose();
    }

    private CheckpointVerifier Verifier => new(Origin, _log.VerifierKey, [_witness.VerifierKey]);

    [Fact]
    public void A_signed_checkpoint_verifies_back_to_the_same_checkpoint()
    {
        var text = new CheckpointSigner(_log).Sign(Origin, 208, Root);

        var result = Verifier.Verify(text);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(new Checkpoint(Origin, 208, Root), result.Checkpoint);
        Assert.Empty(result.Cosignatures);
        Assert.True(Verifier.TryVerify(text, out var checkpoint));
        Assert.Equal(208, checkpoint.Size);
        Assert.StartsWith($"{Origin}\n208\n{Root.ToBase64()}\n\n\u2014 {Origin} ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_for_another_origin_is_refused()
    {
        var text = new CheckpointSigner(_log).Sign("registers.example/other", 1, Root);

        var result = Verifier.Verify(text);

        Assert.Equal(VerificationFailure.WrongOrigin, result.Failure);
        Assert.Null(result.Checkpoint);
        Assert.False(Verifier.TryVerify(text, out _));
    }

    [Fact]
    public void A_checkpoint_vouched_for_only_by_a_witness_is_refused()
    {
        var checkpoint = new Checkpoint(Origin, 1, Root);
        var note = new SignedNote(checkpoint.ToString(), [Cosignature.Sign(checkpoint, _witness, DateTimeOffset.UnixEpoch)]);

        var result = Verifier.Verify(note.ToUtf8());

        Assert.Equal(VerificationFailure.MissingLogSignature, result.Failure);
    }

    [Fact]
    public void Log_signed_text_that_is_not_a_checkpoint_is_refused_with_the_reason()
    {
        var note = NoteSigner.Sign($"{Origin}\n0208\n{Root.ToBase64()}\n", _log);

        var result = Verifier.Verify(note.ToString());

        Assert.Equal(VerificationFailure.MalformedCheckpoint, result.Failure);
        Assert.Equal(CheckpointProblem.SizeHasLeadingZero, result.CheckpointProblem);
        Assert.Equal("the signed text is not a checkpoint: the tree size has a leading zero", result.ToString());
    }

    [Fact]
    public void Note_level_failures_pass_through_with_their_details()
    {
        using var stranger = SignerKey.Generate(Origin);
        var signed = new CheckpointSigner(_log).Sign(new Checkpoint(Origin, 1, Root));
        var badCosignature = new NoteSignature(_witness.Name, _witness.KeyId, new byte[72]);

        var unknown = Verifier.Verify(new CheckpointSigner(stranger).Sign(Origin, 1, Root));
        var malformed = Verifier.Verify("not a note");
        var invalid = Verifier.Verify(signed.WithSignatures([badCosignature]).ToString());

        Assert.Equal(VerificationFailure.NoKnownSignature, unknown.Failure);
        Assert.Equal(VerificationFailure.MalformedNote, malformed.Failure);
        Assert.Equal(NoteProblem.NoSignatureBlock, malformed.Note.NoteProblem);
        Assert.Equal(VerificationFailure.InvalidSignature, invalid.Failure);
        Assert.Equal(_witness.VerifierKey, invalid.Note.RejectedKey);
    }

    [Fact]
    public void Logs_sign_and_are_verified_with_note_keys_not_cosignature_keys()
    {
        Assert.Throws<ArgumentException>(() => new CheckpointSigner(_witness));
        Assert.Throws<ArgumentException>(() => new CheckpointVerifier(Origin, _witness.VerifierKey));
        Assert.Throws<ArgumentException>(() => new CheckpointVerifier("", _log.VerifierKey));
    }
}
