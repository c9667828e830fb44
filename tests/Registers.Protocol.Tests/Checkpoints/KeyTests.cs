using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.Tests.Checkpoints;

public sealed class KeyTests
{
    // Public key bytes chosen so that base64(0x01 || key) holds a '+' (the 6-bit group 111110).
    private static readonly byte[] PlusKey = [0xff, 0xfe, .. new byte[30]];
    private static readonly VerifierKey Sample = VerifierKey.Create("example.com/key", SignatureType.Ed25519, PlusKey);
    private static readonly string Valid = Sample.ToString();
    private static readonly string Id = Valid.Split('+')[1];
    private static readonly string Material = Valid[(Valid.IndexOf('+', Valid.IndexOf('+') + 1) + 1)..];

    public static TheoryData<string, KeyProblem> MalformedVerifierKeys => new()
    {
        { "", KeyProblem.MissingPart },
        { "example.com/key", KeyProblem.MissingPart },
        { $"example.com/key+{Id}", KeyProblem.MissingPart },
        { $"+{Id}+{Material}", KeyProblem.InvalidName },
        { $"example key+{Id}+{Material}", KeyProblem.InvalidName },
        { $"example\u2003key+{Id}+{Material}", KeyProblem.InvalidName },
        { $"example.com/key++{Material}", KeyProblem.KeyIdNotHex },
        { $"example.com/key+{Id[..7]}+{Material}", KeyProblem.KeyIdNotHex },
        { $"example.com/key+0{Id}+{Material}", KeyProblem.KeyIdNotHex },
        { $"example.com/key+zzzzzzzz+{Material}", KeyProblem.KeyIdNotHex },
        { $"example.com/key+ {Id[1..]}+{Material}", KeyProblem.KeyIdNotHex },
        { $"example.com/key+{Id}+", KeyProblem.KeyNotBase64 },
        { $"example.com/key+{Id}+{Material.TrimEnd('=')}x", KeyProblem.KeyNotBase64 },
        { $"example.com/key+{Id}+{Material} ", KeyProblem.KeyNotBase64 },
        { $"example.com/key+{Id}+{Material}\n", KeyProblem.KeyNotBase64 },
        { $"example.com/key+{Id}+{Convert.ToBase64String([0x02, .. PlusKey])}", KeyProblem.UnsupportedSignatureType },
        { $"example.com/key+{Id}+{Convert.ToBase64String([0x01, .. PlusKey[..31]])}", KeyProblem.WrongKeyLength },
        { $"example.com/key+{Id}+{Convert.ToBase64String([0x01, .. PlusKey, 0])}", KeyProblem.WrongKeyLength },
        { $"example.com/other+{Id}+{Material}", KeyProblem.KeyIdMismatch },
        { $"example.com/key+{Id}+{Convert.ToBase64String([0x04, .. PlusKey])}", KeyProblem.KeyIdMismatch },
        { $"PRIVATE+KEY+example.com/key+{Id}+{Material}", KeyProblem.PrivateKey }, // a secret given where its public half belongs
    };

    [Theory]
    [MemberData(nameof(MalformedVerifierKeys))]
    public void Verifier_key_parsing_refuses_malformed_keys_and_says_why(string text, KeyProblem expected)
    {
        Assert.False(VerifierKey.TryParse(text, out var key, out var problem));
        Assert.Null(key);
        Assert.Equal(expected, problem);
        Assert.Throws<FormatException>(() => VerifierKey.Parse(text));
    }

    [Fact]
    public void Verifier_keys_split_on_the_first_two_plus_signs_only()
    {
        Assert.Contains('+', Material);

        var parsed = VerifierKey.Parse(Valid);

        Assert.Equal(Sample, parsed);
        Assert.Equal(PlusKey, parsed.PublicKey.ToArray());
        Assert.Equal(Valid, parsed.ToString());
    }

    [Fact]
    public void Upper_case_key_ids_are_read_and_written_back_in_lower_case()
    {
        var parsed = VerifierKey.Parse($"example.com/key+{Id.ToUpperInvariant()}+{Material}");

        Assert.Equal(Valid, parsed.ToString());
    }

    [Fact]
    public void A_generated_key_exports_and_imports_as_the_same_key_and_signs_verifiably()
    {
        using var key = SignerKey.Generate("registers.example/country");
        var exported = key.ExportPrivateKey();

        using var imported = SignerKey.Parse(exported);
        var note = NoteSigner.Sign("hello\n", imported);

        Assert.StartsWith($"PRIVATE+KEY+registers.example/country+{key.KeyId:x8}+", exported, StringComparison.Ordinal);
        Assert.Equal(key.VerifierKey, imported.VerifierKey);
        Assert.Equal(exported, imported.ExportPrivateKey());
        Assert.True(new NoteVerifier(key.VerifierKey).Verify(note).IsVerified);
    }

    [Fact]
    public void The_key_id_is_the_first_four_bytes_of_the_hash_of_name_newline_type_and_key()
    {
        using var key = SignerKey.Generate("name");
        var hash = System.Security.Cryptography.SHA256.HashData([.. "name\n"u8, 0x01, .. key.VerifierKey.PublicKey]);

        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash), key.KeyId);
        Assert.Equal(Convert.ToBase64String([0x01, .. key.VerifierKey.PublicKey]), key.VerifierKey.ToString().Split('+', 3)[2]);
    }

    [Fact]
    public void A_signer_key_never_shows_its_secret_except_when_exported()
    {
        using var key = SignerKey.Generate("name");
        var secret = key.ExportPrivateKey().Split('+', 5)[4];

        Assert.DoesNotContain(secret, key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", key.ToString(), StringComparison.Ordinal);
        Assert.Equal($"name+{key.KeyId:x8} (private key)", key.ToString());
    }

    [Fact]
    public void Signer_key_parsing_refuses_malformed_keys_and_says_why()
    {
        using var key = SignerKey.Generate("name");
        var good = key.ExportPrivateKey();
        var parts = good.Split('+', 5);
        var otherId = (key.KeyId ^ 1).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

        AssertRefused(key.VerifierKey.ToString(), KeyProblem.NotAPrivateKey);
        AssertRefused(good.Replace("PRIVATE+KEY", "private+key", StringComparison.Ordinal), KeyProblem.NotAPrivateKey);
        AssertRefused("PRIVATE+KEY", KeyProblem.NotAPrivateKey);
        AssertRefused("PRIVATE+KEY+name", KeyProblem.MissingPart);
        AssertRefused($"PRIVATE+KEY+name+{otherId}+{parts[4]}", KeyProblem.KeyIdMismatch);
        AssertRefused($"PRIVATE+KEY+other+{parts[3]}+{parts[4]}", KeyProblem.KeyIdMismatch);
        AssertRefused($"PRIVATE+KEY+name+{parts[3]}+{parts[4][..^4]}", KeyProblem.WrongKeyLength);
        AssertRefused($"PRIVATE+KEY+na me+{parts[3]}+{parts[4]}", KeyProblem.InvalidName);
        Assert.Throws<FormatException>(() => SignerKey.Parse(good + "\n"));

        static void AssertRefused(string text, KeyProblem expected)
        {
            Assert.False(SignerKey.TryParse(text, out var parsed, out var problem));
            Assert.Null(parsed);
            Assert.Equal(expected, problem);
        }
    }

    [Fact]
    public void A_cosignature_key_has_type_0x04_and_another_key_id_than_the_same_key_for_notes()
    {
        using var cosigner = SignerKey.Generate("witness.example/w1", SignatureType.Ed25519CosignatureV1);
        var vkey = cosigner.VerifierKey.ToString();
        var asNoteKey = VerifierKey.Create("witness.example/w1", SignatureType.Ed25519, cosigner.VerifierKey.PublicKey);

        var parsed = VerifierKey.Parse(vkey);

        Assert.Equal(SignatureType.Ed25519CosignatureV1, parsed.Type);
        Assert.Equal(0x04, Convert.FromBase64String(vkey.Split('+', 3)[2])[0]);
        Assert.NotEqual(asNoteKey.KeyId, parsed.KeyId);
        Assert.NotEqual(asNoteKey, parsed);
        using var reimported = SignerKey.Parse(cosigner.ExportPrivateKey());
        Assert.Equal(SignatureType.Ed25519CosignatureV1, reimported.Type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a+b")]
    [InlineData("a\tb")]
    public void Keys_need_a_valid_name(string name)
    {
        Assert.Throws<ArgumentException>(() => SignerKey.Generate(name));
        Assert.Throws<ArgumentException>(() => VerifierKey.Create(name, SignatureType.Ed25519, PlusKey));
    }

    [Fact]
    public void Keys_refuse_unknown_types_and_wrong_lengths()
    {
        Assert.Throws<ArgumentException>(() => SignerKey.Generate("name", (SignatureType)2));
        Assert.Throws<ArgumentException>(() => VerifierKey.Create("name", (SignatureType)2, PlusKey));
        Assert.Throws<ArgumentException>(() => VerifierKey.Create("name", SignatureType.Ed25519, PlusKey[..31]));
    }
}
