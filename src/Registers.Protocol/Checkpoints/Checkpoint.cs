using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// A transparency-log checkpoint (C2SP tlog-checkpoint): the note text that says which tree a log
/// vouches for. It is written as the origin line, the tree size in decimal, the root hash in base64,
/// then any extension lines, each ending in a newline.
/// </summary>
/// <remarks>
/// Parsing is strict, so that each checkpoint has exactly one spelling and
/// <c>Parse(text).ToString() == text</c> for every text that parses.
/// </remarks>
public sealed class Checkpoint : IEquatable<Checkpoint>
{
    private readonly string[] _extensions;

    /// <summary>Makes a checkpoint for the tree of <paramref name="size"/> leaves with root <paramref name="root"/>.</summary>
    /// <param name="origin">The log's identity, non-empty, one line (for a register: its public name).</param>
    /// <param name="size">The number of leaves, 0 or more.</param>
    /// <param name="root">The RFC 6962 root hash of the tree at that size.</param>
    /// <param name="extensions">Optional extension lines, each non-empty; their use is not recommended.</param>
    /// <exception cref="ArgumentException">A line is empty, or holds a newline or another control character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public Checkpoint(string origin, long size, Digest root, IEnumerable<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!IsLine(origin))
        {
            throw Errors.Argument(nameof(origin), "The origin must be one non-empty line of text.");
        }

        if (size < 0)
        {
            throw Errors.OutOfRange(nameof(size), size, "A tree size cannot be negative.");
        }

        var lines = extensions?.ToArray() ?? [];
        if (!lines.All(IsLine))
        {
            throw Errors.Argument(nameof(extensions), "Each extension must be one non-empty line of text.");
        }

        Origin = origin;
        Size = size;
        Root = root;
        _extensions = lines;
    }

    /// <summary>The log's identity: the first line.</summary>
    public string Origin { get; }

    /// <summary>The number of leaves in the tree.</summary>
    public long Size { get; }

    /// <summary>The RFC 6962 root hash of the tree at <see cref="Size"/>.</summary>
    public Digest Root { get; }

    /// <summary>The extension lines after the root hash, without their newlines; usually none.</summary>
    public IReadOnlyList<string> Extensions => _extensions;

    /// <summary>The note text: every line, each ending in a newline.</summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Root.ToBase64()).Append('\n');
        foreach (var line in _extensions)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Parses a checkpoint body, throwing when it is not one.</summary>
    /// <exception cref="FormatException">The text breaks a rule of tlog-checkpoint; the message says which.</exception>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problem = TryParseCore(text, out var checkpoint);
        return checkpoint ?? throw Errors.NotACheckpoint(problem);
    }

    /// <summary>Parses a checkpoint body (a note text), telling why it is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Checkpoint? checkpoint, out CheckpointProblem problem)
    {
        checkpoint = null;
        problem = text is null ? CheckpointProblem.TooFewLines : TryParseCore(text, out checkpoint);
        return problem == CheckpointProblem.None;
    }

    /// <inheritdoc cref="TryParse(string?, out Checkpoint?, out CheckpointProblem)"/>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Checkpoint? checkpoint) =>
        TryParse(text, out checkpoint, out _);

    private static CheckpointProblem TryParseCore(string text, out Checkpoint? checkpoint)
    {
        checkpoint = null;
        if (!NoteSyntax.IsNoteText(text))
        {
            return CheckpointProblem.InvalidCharacter;
        }

        if (!text.EndsWith('\n'))
        {
            return CheckpointProblem.MissingFinalNewline;
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            return CheckpointProblem.TooFewLines;
        }

        if (lines[0].Length == 0)
        {
            return CheckpointProblem.EmptyOrigin;
        }

        var sizeProblem = ParseSize(lines[1], out var size);
        if (sizeProblem != CheckpointProblem.None)
        {
            return sizeProblem;
        }

        var rootProblem = ParseRoot(lines[2], out var root);
        if (rootProblem != CheckpointProblem.None)
        {
            return rootProblem;
        }

        // The spec requires extension lines to be non-empty; an empty one would also read as the
        // blank line that separates a note's text from its signatures.
        if (lines.Skip(3).Any(line => line.Length == 0))
        {
            return CheckpointProblem.EmptyExtensionLine;
        }

        checkpoint = new Checkpoint(lines[0], size, root, lines[3..]);
        return CheckpointProblem.None;
    }

    private static CheckpointProblem ParseSize(string line, out long size)
    {
        size = 0;
        if (line.Length == 0 || !line.All(char.IsAsciiDigit))
        {
            return CheckpointProblem.SizeNotDecimal;
        }

        if (line.Length > 1 && line[0] == '0')
        {
            return CheckpointProblem.SizeHasLeadingZero;
        }

        return long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out size)
            ? CheckpointProblem.None
            : CheckpointProblem.SizeOutOfRange;
    }

    private static CheckpointProblem ParseRoot(string line, out Digest root)
    {
        root = default;
        if (!StrictBase64.TryDecode(line, out var bytes))
        {
            return CheckpointProblem.RootNotBase64;
        }

        if (bytes.Length != Digest.Length)
        {
            return CheckpointProblem.RootWrongLength;
        }

        root = Digest.FromBytes(bytes);
        return CheckpointProblem.None;
    }

    private static bool IsLine(string? line) =>
        !string.IsNullOrEmpty(line) && NoteSyntax.IsNoteText(line) && !line.Contains('\n');

    /// <summary>Same origin, size, root and extension lines.</summary>
    public bool Equals(Checkpoint? other) =>
        other is not null
        && Origin == other.Origin
        && Size == other.Size
        && Root == other.Root
        && _extensions.AsSpan().SequenceEqual(other._extensions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Checkpoint);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Origin, Size, Root);
}
