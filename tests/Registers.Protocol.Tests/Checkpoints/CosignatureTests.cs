using System.Buffers.Binary;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Checkpoints;

public sealed class CosignatureTests : IDisposable
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(999);
    private readonly SignerKey _log = SignerKey.Generate("registers.example/country");
    private readonly SignerKey _witness = SignerKey.Generate("witness.example/w1", SignatureType.Ed25519CosignatureV1);
    private readonly Checkpoint _checkpoint = new("registers.example/country", 208, MerkleHash.Leaf("x"u8));

    public void Dispose()
    {
        _log.Dispose();
        _witness.Dispose();
    }

    [Fact]
    public void A_cosignature_carries_the_key_id_then_the_whole_seconds_then_an_ed25519_signature()
    {
        var cosignature = Cosignature.Sign(_checkpoint, _witness, Time);

        Assert.Equal(_witness.Name, cosignature.KeyName);
        Assert.Equal(_witness.KeyId, cosignature.KeyId);
        Assert.Equal(8 + 64, cosignature.Signature.Length);
        Assert.Equal(1_700_000_000UL, BinaryPrimitives.ReadUInt64BigEndian(cosignature.Signature));
        Assert.True(Cosignature.TryReadTimestamp(cosignature, out var timestamp));
        Assert.Equal(1_700_000_000, timestamp);
    }

    [Fact]
    public void A_cosigned_checkpoint_verifies_and_reports_the_witness_and_its_time()
    {
        var signed = new CheckpointSigner(_log).Sign(_checkpoint);
        var cosigned = signed.WithSignatures([Cosignature.Sign(_checkpoint, _witness, Time)]);

        var result = new CheckpointVerifier(_checkpoint.Origin, _log.VerifierKey, [_witness.VerifierKey]).Verify(cosigned.ToString());

        Assert.True(result.IsVerified, result.ToString());
        var cosignature = Assert.Single(result.Cosignatures);
        Assert.Equal(_witness.VerifierKey, cosignature.Key);
        Assert.Equal(1_700_000_000, cosignature.Timestamp);
    }

    [Fact]
    public void The_cosigned_message_is_the_header_the_time_line_and_the_checkpoint_with_its_extensions()
    {
        var checkpoint = new Checkpoint("log", 3, MerkleHash.EmptyRoot, ["ext"]);

        var message = Cosignature.FormatSignedMessage(checkpoint, 42);

        Assert.Equal($"cosignature/v1\ntime 42\nlog\n3\n{MerkleHash.EmptyRoot.ToBase64()}\next\n", message);
    }

    [Fact]
    public void Changing_the_timestamp_the_signature_or_the_checkpoint_breaks_the_cosignature()
    {
        var good = Cosignature.Sign(_checkpoint, _witness, Time);
        var verifier = new NoteVerifier(_witness.VerifierKey);
        Assert.True(verifier.Verify(new SignedNote(_checkpoint.ToString(), [good])).IsVerified);

        for (var i = 0; i < good.Signature.Length; i++)
        {
            var bytes = good.Signature.ToArray();
            bytes[i] ^= 0x01;
            var note = new SignedNote(_checkpoint.ToString(), [new NoteSignature(good.KeyName, good.KeyId, bytes)]);
            var result = verifier.Verify(note);
            Assert.Equal(VerificationFailure.InvalidSignature, result.Failure);
            Assert.Equal(_witness.VerifierKey, result.RejectedKey);
        }

        var grown = new Checkpoint(_checkpoint.Origin, _checkpoint.Size + 1, _checkpoint.Root);
        Assert.Equal(VerificationFailure.InvalidSignature, verifier.Verify(new SignedNote(grown.ToString(), [good])).Failure);
    }

    [Fact]
    public void A_timestamp_above_2_pow_63_minus_1_is_refused()
    {
        var bytes = Cosignature.Sign(_checkpoint, _witness, Time).Signature.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)long.MaxValue + 1);
        var signature = new NoteSignature(_witness.Name, _witness.KeyId, bytes);

        Assert.False(Cosignature.TryReadTimestamp(signature, out _));
        Assert.Equal(
            VerificationFailure.InvalidSignature,
            new NoteVerifier(_witness.VerifierKey).Verify(new SignedNote(_checkpoint.ToString(), [signature])).Failure);
    }

    [Fact]
    public void A_plain_note_signature_is_not_read_as_a_cosignature()
    {
        var plain = NoteSigner.Sign(_checkpoint.ToString(), _log).Signatures.Single();

        Assert.False(Cosignature.TryReadTimestamp(plain, out _));
    }

    [Fact]
    public void Cosigning_needs_a_cosignature_key_and_a_time_after_1970()
    {
        Assert.Throws<ArgumentException>(() => Cosignature.Sign(_checkpoint, _log, Time));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cosignature.Sign(_checkpoint, _witness, DateTimeOffset.UnixEpoch.AddSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cosignature.FormatSignedMessage(_checkpoint, -1));
    }
}
