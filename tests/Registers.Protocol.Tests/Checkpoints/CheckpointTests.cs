using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Checkpoints;

public sealed class CheckpointTests
{
    // Root of the empty tree (SHA-256 of nothing): a real 32-byte value without writing one out by hand.
    private static readonly string Root = MerkleHash.EmptyRoot.ToBase64();

    public static TheoryData<string, CheckpointProblem> Malformed => new()
    {
        { "", CheckpointProblem.MissingFinalNewline },
        { $"log\n1\n{Root}", CheckpointProblem.MissingFinalNewline },
        { "log\n1\n", CheckpointProblem.TooFewLines },
        { "log\n", CheckpointProblem.TooFewLines },
        { $"\n1\n{Root}\n", CheckpointProblem.EmptyOrigin },
        { $"log\n01\n{Root}\n", CheckpointProblem.SizeHasLeadingZero },
        { $"log\n00\n{Root}\n", CheckpointProblem.SizeHasLeadingZero },
        { $"log\n\n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n+1\n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n-1\n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n 1\n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n1 \n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n1a\n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n0x10\n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n1,000\n{Root}\n", CheckpointProblem.SizeNotDecimal },
        { $"log\n\u0661\n{Root}\n", CheckpointProblem.SizeNotDecimal }, // ARABIC-INDIC DIGIT ONE is a digit, not ASCII
        { $"log\n9223372036854775808\n{Root}\n", CheckpointProblem.SizeOutOfRange },
        { $"log\n18446744073709551616\n{Root}\n", CheckpointProblem.SizeOutOfRange },
        { "log\n1\n\n", CheckpointProblem.RootNotBase64 },
        { $"log\n1\n{Root.TrimEnd('=')}\n", CheckpointProblem.RootNotBase64 },
        { $"log\n1\n {Root}\n", CheckpointProblem.RootNotBase64 },
        { $"log\n1\n{Root} \n", CheckpointProblem.RootNotBase64 },
        { $"log\n1\n{Root[..20]} {Root[20..]}\n", CheckpointProblem.RootNotBase64 },
        { $"log\n1\n{Root.Replace('+', '-').Replace('/', '_')}\n", CheckpointProblem.RootNotBase64 },
        { $"log\n1\n{NonCanonical(Root)}\n", CheckpointProblem.RootNotBase64 },
        { $"log\n1\n{Convert.ToBase64String(new byte[31])}\n", CheckpointProblem.RootWrongLength },
        { $"log\n1\n{Convert.ToBase64String(new byte[33])}\n", CheckpointProblem.RootWrongLength },
        { $"log\n1\n{Convert.ToBase64String(new byte[64])}\n", CheckpointProblem.RootWrongLength },
        { $"log\n1\n{Root}\n\n", CheckpointProblem.EmptyExtensionLine },
        { $"log\n1\n{Root}\nextension\n\nmore\n", CheckpointProblem.EmptyExtensionLine },
        { $"log\r\n1\r\n{Root}\r\n", CheckpointProblem.InvalidCharacter },
        { $"log\t\n1\n{Root}\n", CheckpointProblem.InvalidCharacter },
        { $"log\0\n1\n{Root}\n", CheckpointProblem.InvalidCharacter },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_refuses_what_tlog_checkpoint_does_not_allow_and_says_why(string text, CheckpointProblem expected)
    {
        Assert.False(Checkpoint.TryParse(text, out var checkpoint, out var problem));
        Assert.Null(checkpoint);
        Assert.Equal(expected, problem);
        var error = Assert.Throws<FormatException>(() => Checkpoint.Parse(text));
        Assert.StartsWith("Not a checkpoint: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("log", 0L)]
    [InlineData("go.sum database tree", 1L)]
    [InlineData("example.com/behind-the-sofa", 20852163L)]
    [InlineData("registers.example/country+v1 \u00e9t\u00e9 \U0001F600", 9223372036854775807L)]
    public void Parse_reads_back_exactly_what_format_wrote(string origin, long size)
    {
        var checkpoint = new Checkpoint(origin, size, MerkleHash.Leaf([1, 2, 3]));
        var text = checkpoint.ToString();

        Assert.True(Checkpoint.TryParse(text, out var parsed, out var problem), problem.ToString());
        Assert.Equal(checkpoint, parsed);
        Assert.Equal(text, parsed.ToString());
        Assert.Equal($"{origin}\n{size}\n{checkpoint.Root.ToBase64()}\n", text);
    }

    [Fact]
    public void Extension_lines_are_kept_in_order_and_written_after_the_root()
    {
        var checkpoint = new Checkpoint("log", 7, MerkleHash.EmptyRoot, ["first extension", "\u2014 second"]);

        var text = checkpoint.ToString();
        var parsed = Checkpoint.Parse(text);

        Assert.Equal($"log\n7\n{Root}\nfirst extension\n\u2014 second\n", text);
        Assert.Equal(["first extension", "\u2014 second"], parsed.Extensions);
        Assert.Equal(checkpoint, parsed);
        Assert.NotEqual(checkpoint, new Checkpoint("log", 7, MerkleHash.EmptyRoot, ["first extension"]));
        Assert.NotEqual(checkpoint, new Checkpoint("log", 7, MerkleHash.EmptyRoot));
    }

    [Fact]
    public void The_root_is_the_digest_written_in_base64()
    {
        var root = MerkleHash.Leaf("hello"u8);

        var parsed = Checkpoint.Parse($"log\n1\n{root.ToBase64()}\n");

        Assert.Equal(root, parsed.Root);
        Assert.Equal(1, parsed.Size);
        Assert.Equal("log", parsed.Origin);
        Assert.Empty(parsed.Extensions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    [InlineData("carriage\rreturn")]
    public void Constructor_refuses_an_origin_that_is_not_one_line_of_note_text(string origin) =>
        Assert.Throws<ArgumentException>(() => new Checkpoint(origin, 1, MerkleHash.EmptyRoot));

    [Fact]
    public void An_unpaired_surrogate_is_refused_in_parsing_and_in_construction()
    {
        // Built here rather than in theory data: xunit's serialization would replace the surrogate.
        var origin = "lone " + '\ud800' + " surrogate";

        Assert.False(Checkpoint.TryParse($"{origin}\n1\n{Root}\n", out _, out var problem));
        Assert.Equal(CheckpointProblem.InvalidCharacter, problem);
        Assert.Throws<ArgumentException>(() => new Checkpoint(origin, 1, MerkleHash.EmptyRoot));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two\nlines")]
    public void Constructor_refuses_an_extension_that_is_not_one_non_empty_line(string extension) =>
        Assert.Throws<ArgumentException>(() => new Checkpoint("log", 1, MerkleHash.EmptyRoot, ["fine", extension]));

    [Fact]
    public void Constructor_refuses_a_negative_size() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("log", -1, MerkleHash.EmptyRoot));

    // A 32-byte value is 43 base64 characters and '='; the 43rd carries two padding bits that must be
    // zero. Setting one gives a string .NET still decodes to the same bytes.
    private static string NonCanonical(string base64)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var last = alphabet.IndexOf(base64[42], StringComparison.Ordinal);
        var changed = base64[..42] + alphabet[last | 1] + "=";
        Assert.Equal(Convert.FromBase64String(base64), Convert.FromBase64String(changed));
        return changed;
    }
}
