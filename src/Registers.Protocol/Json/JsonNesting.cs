namespace Registers.Protocol.Json;

/// <summary>
/// Finds where JSON opens more nested arrays and objects than a limit, by the brackets alone, fed in pieces as it arrives.
/// It looks at nothing else: a body nested past the limit is found wherever the nesting is and whatever else is wrong
/// with the body, so that it is refused for its depth, not for whichever other fault a reader would have met first.
/// </summary>
/// <remarks>Brackets inside strings are not counted; the position is that of the bracket that went past the limit.</remarks>
public sealed class JsonNesting(int maxDepth)
{
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private long _line = 1;
    private long _byteInLine;

    /// <summary>The most nested arrays and objects allowed.</summary>
    public int MaxDepth { get; } = maxDepth;

    /// <summary>Whether the JSON fed so far went past <see cref="MaxDepth"/>; once true, it stays true and nothing more is read.</summary>
    public bool TooDeep { get; private set; }

    /// <summary>The 1-based line of the bracket that went past the limit (or of the end of what was fed).</summary>
    public long Line => _line;

    /// <summary>The 1-based byte within its line of the bracket that went past the limit.</summary>
    public long ByteInLine => _byteInLine;

    /// <summary>Reads the next piece of the JSON; true when it went past the limit (here or before).</summary>
    public bool Feed(ReadOnlySpan<byte> utf8Json)
    {
        foreach (var b in utf8Json)
        {
            if (TooDeep)
            {
                break;
            }

            _byteInLine++;
            if (_inString)
            {
                (_escaped, _inString) = (!_escaped && b == '\\', _escaped || b != '"');
                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'[' or (byte)'{':
                    TooDeep = ++_depth > MaxDepth;
                    break;
                case (byte)']' or (byte)'}':
                    _depth = Math.Max(0, _depth - 1);
                    break;
                case (byte)'\n':
                    (_line, _byteInLine) = (_line + 1, 0);
                    break;
            }
        }

        return TooDeep;
    }
}
