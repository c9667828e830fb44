using System.Text;
using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.Tests.Checkpoints;

public sealed class SignedNoteTests
{
    // A well-formed signature line; parsing checks form only, so its bytes need not verify.
    private static readonly string Line = new NoteSignature("example.com/key", 0x01020304, new byte[64]).ToString();

    public static TheoryData<string, byte[], NoteProblem> Malformed => new()
    {
        { "invalid UTF-8 byte", [.. "text"u8, 0xff, .. Bytes($"\n\n{Line}\n")], NoteProblem.NotUtf8 },
        { "overlong UTF-8 for '/'", [.. "te"u8, 0xc0, 0xaf, .. Bytes($"\n\n{Line}\n")], NoteProblem.NotUtf8 },
        { "UTF-8 encoded surrogate", [.. "te"u8, 0xed, 0xa0, 0x80, .. Bytes($"\n\n{Line}\n")], NoteProblem.NotUtf8 },
        { "control character", Bytes($"te\u0001xt\n\n{Line}\n"), NoteProblem.ControlCharacter },
        { "tab", Bytes($"te\txt\n\n{Line}\n"), NoteProblem.ControlCharacter },
        { "CRLF line ends", Bytes($"text\r\n\r\n{Line}\r\n"), NoteProblem.ControlCharacter },
        { "no blank line", Bytes($"text\n{Line}\n"), NoteProblem.NoSignatureBlock },
        { "text only", Bytes("text\n"), NoteProblem.NoSignatureBlock },
        { "empty", [], NoteProblem.NoSignatureBlock },
        { "blank line, nothing after", Bytes("text\n\n"), NoteProblem.NoSignatures },
        { "blank line after the signatures", Bytes($"text\n\n{Line}\n\n"), NoteProblem.NoSignatures },
        { "no final newline", Bytes($"text\n\n{Line}"), NoteProblem.MissingFinalNewline },
        { "hyphen for em dash", Bytes($"text\n\n-{Line[1..]}\n"), NoteProblem.NotASignatureLine },
        { "en dash for em dash", Bytes($"text\n\n\u2013{Line[1..]}\n"), NoteProblem.NotASignatureLine },
        { "no space after em dash", Bytes($"text\n\n\u2014{Line[2..]}\n"), NoteProblem.NotASignatureLine },
        { "second line not a signature", Bytes($"text\n\n{Line}\nsomething else\n"), NoteProblem.NotASignatureLine },
        { "empty key name", Bytes($"text\n\n\u2014  {Sig(8)}\n"), NoteProblem.InvalidKeyName },
        { "plus in key name", Bytes($"text\n\n\u2014 a+b {Sig(8)}\n"), NoteProblem.InvalidKeyName },
        { "no-break space in key name", Bytes($"text\n\n\u2014 a\u00a0b {Sig(8)}\n"), NoteProblem.InvalidKeyName },
        { "ideographic space in key name", Bytes($"text\n\n\u2014 a\u3000b {Sig(8)}\n"), NoteProblem.InvalidKeyName },
        { "name without signature", Bytes("text\n\n\u2014 name\n"), NoteProblem.SignatureNotBase64 },
        { "empty signature", Bytes("text\n\n\u2014 name \n"), NoteProblem.SignatureNotBase64 },
        { "two spaces before signature", Bytes($"text\n\n\u2014 name  {Sig(8)}\n"), NoteProblem.SignatureNotBase64 },
        { "space inside signature", Bytes($"text\n\n\u2014 name {Sig(8)[..4]} {Sig(8)[4..]}\n"), NoteProblem.SignatureNotBase64 },
        { "unpadded signature", Bytes($"text\n\n\u2014 name {Sig(8).TrimEnd('=')}\n"), NoteProblem.SignatureNotBase64 },
        { "base64url signature", Bytes("text\n\n\u2014 name ____----\n"), NoteProblem.SignatureNotBase64 },
        { "non-zero padding bits", Bytes("text\n\n\u2014 name AAAAAAB=\n"), NoteProblem.SignatureNotBase64 },
        { "key ID only", Bytes($"text\n\n\u2014 name {Sig(4)}\n"), NoteProblem.SignatureTooShort },
        { "101 signatures", Bytes("text\n\n" + string.Concat(Enumerable.Repeat(Line + "\n", 101))), NoteProblem.TooManySignatures },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_refuses_what_signed_note_does_not_allow_and_says_why(string why, byte[] note, NoteProblem expected)
    {
        Assert.False(SignedNote.TryParse(note, out var parsed, out var problem), why);
        Assert.Null(parsed);
        Assert.Equal(expected, problem);
        Assert.Throws<FormatException>(() => SignedNote.Parse(note));
    }

    [Fact]
    public void A_string_with_an_unpaired_surrogate_is_not_utf8()
    {
        Assert.False(SignedNote.TryParse($"te\ud800xt\n\n{Line}\n", out _, out var problem));
        Assert.Equal(NoteProblem.NotUtf8, problem);
    }

    [Fact]
    public void One_hundred_signatures_are_accepted()
    {
        var text = "text\n\n" + string.Concat(Enumerable.Repeat(Line + "\n", SignedNote.MaxSignatures));

        Assert.Equal(SignedNote.MaxSignatures, SignedNote.Parse(text).Signatures.Count);
    }

    [Fact]
    public void Text_may_hold_blank_lines_and_the_last_one_separates_the_signatures()
    {
        var message = $"first paragraph\n\nsecond \u00e9 paragraph\n\n\n{Line}\n";

        var note = SignedNote.Parse(Bytes(message));

        Assert.Equal("first paragraph\n\nsecond \u00e9 paragraph\n\n", note.Text);
        Assert.Equal(message, note.ToString());
        Assert.Equal(Bytes(message), note.ToUtf8());
    }

    [Fact]
    public void A_signature_line_is_read_into_name_key_id_and_signature_bytes()
    {
        var signature = SignedNote.Parse($"text\n\n{Line}\n").Signatures.Single();

        Assert.Equal("example.com/key", signature.KeyName);
        Assert.Equal(0x01020304u, signature.KeyId);
        Assert.Equal(new byte[64], signature.Signature.ToArray());
        Assert.Equal(Line, signature.ToString());
    }

    [Fact]
    public void With_signatures_appends_and_replaces_a_signature_by_the_same_key()
    {
        var first = new NoteSignature("a", 1, [1]);
        var second = new NoteSignature("b", 2, [2]);
        var newerFirst = new NoteSignature("a", 1, [3]);
        var note = new SignedNote("text\n", [first, second]);

        var updated = note.WithSignatures([newerFirst, new NoteSignature("a", 9, [4])]);

        Assert.Equal([second, newerFirst, new NoteSignature("a", 9, [4])], updated.Signatures);
        Assert.Equal([first, second], note.Signatures);
    }

    [Theory]
    [InlineData("no final newline")]
    [InlineData("")]
    [InlineData("control \u0007 character\n")]
    [InlineData("CRLF\r\n")]
    public void Constructor_refuses_text_that_cannot_be_a_note_text(string text) =>
        Assert.Throws<ArgumentException>(() => new SignedNote(text, [new NoteSignature("a", 1, [1])]));

    [Fact]
    public void Constructor_refuses_no_signatures_and_too_many()
    {
        Assert.Throws<ArgumentException>(() => new SignedNote("text\n", []));
        var tooMany = Enumerable.Range(0, SignedNote.MaxSignatures + 1).Select(i => new NoteSignature("a", (uint)i, [1]));
        Assert.Throws<ArgumentException>(() => new SignedNote("text\n", tooMany));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a+b")]
    [InlineData("a\nb")]
    public void A_signature_needs_a_valid_key_name(string name) =>
        Assert.Throws<ArgumentException>(() => new NoteSignature(name, 1, [1]));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Sig(int length) => Convert.ToBase64String(new byte[length]);
}
