using System.Buffers.Binary;
using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Checkpoints;

/// <summary>
/// Known answers from <c>signed-note-vectors.txt</c>: notes signed by others (the C2SP spec, the Go
/// sumdb tests, the production sum.golang.org log) must verify here, and nothing else may.
/// </summary>
public sealed class SignedNoteVectorTests
{
    private readonly SignedNoteVectors _vectors = SignedNoteVectors.Load();

    [Fact]
    public void Every_signed_note_in_the_vectors_verifies_with_its_keys()
    {
        var notes = _vectors.AllNotes().ToList();
        Assert.Equal(6, notes.Count); // C2SP example; Peter, Enoch, both; sum.golang.org A and B
        foreach (var vector in notes)
        {
            var keys = vector.VerifierKeys.Select(VerifierKey.Parse).ToList();
            var result = new NoteVerifier(keys).Verify(Encoding.UTF8.GetBytes(vector.Note));

            Assert.True(result.IsVerified, $"{vector}: {result}");
            Assert.Equal(keys, result.Verified.Select(v => v.Key));
            Assert.Empty(result.Unknown);
            Assert.Equal(vector.Note, result.Note.ToString());
        }
    }

    [Fact]
    public void Flipping_any_bit_of_any_byte_of_a_singly_signed_vector_note_makes_it_fail()
    {
        // With two signatures, a flip in one line's name or key ID only makes that signature unknown,
        // and the note rightly still verifies by the other; the next test covers those notes.
        foreach (var vector in _vectors.AllNotes().Where(v => v.VerifierKeys.Count == 1))
        {
            var verifier = new NoteVerifier(vector.VerifierKeys.Select(VerifierKey.Parse));
            var bytes = Encoding.UTF8.GetBytes(vector.Note);
            for (var i = 0; i < bytes.Length; i++)
            {
                for (var bit = 0; bit < 8; bit++)
                {
                    var mutated = (byte[])bytes.Clone();
                    mutated[i] ^= (byte)(1 << bit);
                    var result = verifier.Verify(mutated);
                    Assert.False(result.IsVerified, $"{vector}: byte {i} bit {bit} flipped, still {result}");
                }
            }
        }
    }

    [Fact]
    public void Flipping_a_byte_of_the_text_or_the_raw_signature_is_an_invalid_signature_from_that_key()
    {
        foreach (var vector in _vectors.AllNotes())
        {
            var verifier = new NoteVerifier(vector.VerifierKeys.Select(VerifierKey.Parse));
            var note = SignedNote.Parse(vector.Note);
            var text = Encoding.UTF8.GetBytes(note.Text);

            // Stay inside printable ASCII so the mutated text is still a well-formed note.
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] is > 0x20 and < 0x7e)
                {
                    var mutated = (byte[])text.Clone();
                    mutated[i] ^= 0x01;
                    var changed = new SignedNote(Encoding.UTF8.GetString(mutated), note.Signatures);
                    AssertRejectedBy(verifier.Verify(changed), note.Signatures[0], $"{vector}: text byte {i}");
                }
            }

            foreach (var signature in note.Signatures)
            {
                for (var i = 0; i < signature.Signature.Length; i++)
                {
                    var bytes = signature.Signature.ToArray();
                    bytes[i] ^= 0x80;
                    var changed = note.WithSignatures([new NoteSignature(signature.KeyName, signature.KeyId, bytes)]);
                    AssertRejectedBy(verifier.Verify(changed), signature, $"{vector}: signature byte {i}");
                }
            }
        }
    }

    [Fact]
    public void Signing_the_go_test_note_with_the_go_test_key_reproduces_peters_signature_byte_for_byte()
    {
        using var key = SignerKey.Parse(_vectors.GoSignerKey);

        var note = NoteSigner.Sign(_vectors.GoNoteText, key);

        Assert.Equal(_vectors.GoNoteText + "\n" + _vectors.GoSignatureLine("Peter") + "\n", note.ToString());
        Assert.Equal(_vectors.GoVerifierKeys[0], key.VerifierKey.ToString());
    }

    [Fact]
    public void Verifier_keys_of_the_vectors_round_trip_and_carry_the_key_ids_their_signatures_use()
    {
        foreach (var vector in _vectors.AllNotes())
        {
            var note = SignedNote.Parse(vector.Note);
            foreach (var text in vector.VerifierKeys)
            {
                var key = VerifierKey.Parse(text);
                Assert.Equal(text, key.ToString());
                Assert.Equal(SignatureType.Ed25519, key.Type);
                Assert.Contains(note.Signatures, s => s.KeyName == key.Name && s.KeyId == key.KeyId);
            }
        }
    }

    [Fact]
    public void The_sum_golang_org_checkpoints_verify_as_checkpoints_of_the_go_sum_database_tree()
    {
        var logKey = VerifierKey.Parse(_vectors.AllNotes().Last().VerifierKeys.Single());
        var verifier = new CheckpointVerifier("go.sum database tree", logKey);
        foreach (var (label, note) in _vectors.SumDbNotes())
        {
            var result = verifier.Verify(note);

            Assert.True(result.IsVerified, $"note {label}: {result}");
            Assert.Equal(note.Split('\n')[1], result.Checkpoint.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(note.Split('\n')[2], result.Checkpoint.Root.ToBase64());
            Assert.Equal(SignedNote.Parse(note).Text, result.Checkpoint.ToString());
            Assert.Empty(result.Cosignatures);
        }
    }

    [Fact]
    public void The_format_tree_vector_formats_identically()
    {
        var (size, data, expected) = _vectors.FormatTree;

        var checkpoint = new Checkpoint("go.sum database tree", size, MerkleHash.Leaf(Encoding.UTF8.GetBytes(data)));

        Assert.Equal(expected, checkpoint.ToString());
        Assert.Equal(checkpoint, Checkpoint.Parse(expected));
    }

    [Fact]
    public void The_cosignature_message_layout_matches_the_spec_example_exactly()
    {
        var message = _vectors.CosignatureMessage;
        var lines = message.Split('\n');
        Assert.Equal(Cosignature.Header, lines[0]);
        var timestamp = long.Parse(lines[1]["time ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var checkpoint = Checkpoint.Parse(string.Concat(lines[2..^1].Select(l => l + "\n")));

        Assert.Equal(1679315147, timestamp);
        Assert.Equal(message, Cosignature.FormatSignedMessage(checkpoint, timestamp));
    }

    [Fact]
    public void The_spec_example_cosignature_line_decodes_to_key_id_8d66cf3f_and_timestamp_1679315147()
    {
        // The vectors keep the first 16 base64 characters: exactly the key ID and the timestamp.
        var (name, prefix) = _vectors.CosignatureExamplePrefix;
        var head = Convert.FromBase64String(prefix);
        Assert.Equal(12, head.Length);

        // Complete it with a dummy Ed25519 signature and read it as any cosignature line is read.
        var line = $"\u2014 {name} {Convert.ToBase64String([.. head, .. new byte[64]])}";
        var signature = SignedNote.Parse("text\n\n" + line + "\n").Signatures.Single();

        Assert.Equal(0x8d66cf3fu, signature.KeyId);
        Assert.True(Cosignature.TryReadTimestamp(signature, out var timestamp));
        Assert.Equal(1679315147, timestamp);
        Assert.Equal(0x641850cbUL, BinaryPrimitives.ReadUInt64BigEndian(head.AsSpan(4)));
    }

    private static void AssertRejectedBy(NoteVerification result, NoteSignature expected, string what)
    {
        Assert.Equal(VerificationFailure.InvalidSignature, result.Failure);
        Assert.NotNull(result.RejectedKey);
        Assert.True(result.RejectedKey.Name == expected.KeyName && result.RejectedKey.KeyId == expected.KeyId, what);
    }
}
