namespace Registers.Protocol.Json;

/// <summary>
/// The single forward pass behind <see cref="CanonicalJson.IsCanonical(ReadOnlySpan{byte}, out CanonicalJsonError)"/>.
/// It accepts exactly the canonical grammar (an object of attribute-name keys, each holding a non-empty
/// string or a non-empty array of non-empty strings) and, at the first byte that does not fit, says why.
/// Precondition: the input is valid UTF-8.
/// </summary>
internal ref struct CanonicalJsonScanner(ReadOnlySpan<byte> json)
{
    private readonly ReadOnlySpan<byte> _json = json;
    private int _position;

    public bool ScanItem(out CanonicalJsonError error)
    {
        if (_json.IsEmpty || _json[0] != (byte)'{')
        {
            error = _json.IsEmpty || IsWhitespace(_json[0])
                ? Unexpected()
                : new CanonicalJsonError(CanonicalJsonErrorKind.ExpectedObject, 0);
            return false;
        }

        _position = 1;
        var closed = Peek() == (byte)'}';
        if (closed)
        {
            _position++;
        }

        ReadOnlySpan<byte> previousKey = default;
        while (!closed)
        {
            if (!ScanMember(ref previousKey, out error) || !ScanSeparator((byte)'}', out closed, out error))
            {
                return false;
            }
        }

        return ScanEnd(out error);
    }

    private readonly bool ScanEnd(out CanonicalJsonError error)
    {
        if (_position == _json.Length)
        {
            error = default;
            return true;
        }

        error = new CanonicalJsonError(
            IsWhitespace(_json[_position]) ? CanonicalJsonErrorKind.InsignificantWhitespace : CanonicalJsonErrorKind.TrailingData,
            _position);
        return false;
    }

    // "key":value, where the key must sort strictly after the one before it.
    private bool ScanMember(ref ReadOnlySpan<byte> previousKey, out CanonicalJsonError error)
    {
        var keyStart = _position;
        if (!ScanKey(out var key, out error))
        {
            return false;
        }

        var order = previousKey.IsEmpty ? 1 : key.SequenceCompareTo(previousKey);
        if (order <= 0)
        {
            error = new CanonicalJsonError(
                order == 0 ? CanonicalJsonErrorKind.DuplicateKey : CanonicalJsonErrorKind.KeysNotSorted, keyStart);
            return false;
        }

        previousKey = key;
        return Expect((byte)':', out error) && ScanValue(out error);
    }

    // After a member or array element: ',' to go on, or the closing bracket.
    private bool ScanSeparator(byte close, out bool closed, out CanonicalJsonError error)
    {
        var next = Peek();
        closed = next == close;
        if (closed || next == (byte)',')
        {
            _position++;
            error = default;
            return true;
        }

        error = Unexpected();
        return false;
    }

    private bool ScanKey(out ReadOnlySpan<byte> key, out CanonicalJsonError error)
    {
        key = default;
        if (Peek() != (byte)'"')
        {
            error = Unexpected();
            return false;
        }

        var start = ++_position;
        var length = _json[start..].IndexOf((byte)'"');
        if (length < 0)
        {
            _position = _json.Length;
            error = Unexpected();
            return false;
        }

        key = _json.Slice(start, length);
        if (!CanonicalJson.IsAttributeName(key))
        {
            var bad = key.IsEmpty ? 0 : char.IsAsciiLetterLower((char)key[0]) ? 1 + key[1..].IndexOfAnyExcept(CanonicalJson.AttributeNameBytes) : 0;
            error = new CanonicalJsonError(CanonicalJsonErrorKind.InvalidAttributeName, start + bad);
            return false;
        }

        _position = start + length + 1;
        error = default;
        return true;
    }

    private bool ScanValue(out CanonicalJsonError error)
    {
        switch (Peek())
        {
            case (byte)'"':
                return ScanString(out error);
            case (byte)'[':
                return ScanArray(out error);
            default:
                error = ValueProblem();
                return false;
        }
    }

    private bool ScanArray(out CanonicalJsonError error)
    {
        var start = _position++;
        if (Peek() == (byte)']')
        {
            error = new CanonicalJsonError(CanonicalJsonErrorKind.EmptyValue, start);
            return false;
        }

        var closed = false;
        while (!closed)
        {
            if (Peek() != (byte)'"')
            {
                error = ValueProblem();
                return false;
            }

            if (!ScanString(out error) || !ScanSeparator((byte)']', out closed, out error))
            {
                return false;
            }
        }

        error = default;
        return true;
    }

    private bool ScanString(out CanonicalJsonError error)
    {
        var open = _position++;
        if (Peek() == (byte)'"')
        {
            error = new CanonicalJsonError(CanonicalJsonErrorKind.EmptyValue, open);
            return false;
        }

        while (true)
        {
            var stop = _json[_position..].IndexOfAny(CanonicalEscaping.NeedsEscape);
            if (stop < 0)
            {
                _position = _json.Length;
                error = Unexpected();
                return false;
            }

            _position += stop;
            var b = _json[_position];
            if (b == (byte)'"')
            {
                _position++;
                error = default;
                return true;
            }

            if (b < 0x20)
            {
                error = new CanonicalJsonError(CanonicalJsonErrorKind.UnescapedControlCharacter, _position);
                return false;
            }

            if (!ScanEscape(out error))
            {
                return false;
            }
        }
    }

    // At a backslash: accept exactly the escapes canonical form writes.
    private bool ScanEscape(out CanonicalJsonError error)
    {
        var at = _position;
        if (at + 1 >= _json.Length)
        {
            _position = _json.Length;
            error = Unexpected();
            return false;
        }

        var kind = _json[at + 1] switch
        {
            (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' => (CanonicalJsonErrorKind?)null,
            (byte)'/' => CanonicalJsonErrorKind.EscapedSolidus,
            (byte)'u' => UnicodeEscapeProblem(at),
            _ => CanonicalJsonErrorKind.InvalidEscape,
        };

        if (kind is { } problem)
        {
            error = problem == CanonicalJsonErrorKind.UnexpectedEnd
                ? new CanonicalJsonError(problem, _json.Length)
                : new CanonicalJsonError(problem, at);
            return false;
        }

        _position = at + (_json[at + 1] == (byte)'u' ? 6 : 2);
        error = default;
        return true;
    }

    private readonly CanonicalJsonErrorKind? UnicodeEscapeProblem(int at)
    {
        if (at + 6 > _json.Length)
        {
            return CanonicalJsonErrorKind.UnexpectedEnd;
        }

        var digits = _json.Slice(at + 2, 4);
        var codePoint = CanonicalEscaping.Hex4(digits);
        if (codePoint < 0)
        {
            return CanonicalJsonErrorKind.InvalidEscape;
        }

        if (codePoint >= 0x20)
        {
            return CanonicalJsonErrorKind.EscapedNonControlCharacter;
        }

        if (codePoint is '\b' or '\t' or '\n' or '\f' or '\r')
        {
            return CanonicalJsonErrorKind.LongFormOfShortEscape;
        }

        return digits.ContainsAnyInRange((byte)'a', (byte)'f') ? CanonicalJsonErrorKind.LowercaseHexEscape : null;
    }

    private bool Expect(byte expected, out CanonicalJsonError error)
    {
        if (Peek() == expected)
        {
            _position++;
            error = default;
            return true;
        }

        error = Unexpected();
        return false;
    }

    private readonly int Peek() => _position < _json.Length ? _json[_position] : -1;

    // Where a string (or, for a member, an array of strings) belongs: another kind of JSON value is
    // unsupported, anything else is not JSON at all.
    private readonly CanonicalJsonError ValueProblem() =>
        Peek() is '{' or '[' or 't' or 'f' or 'n' or '-' or (>= '0' and <= '9')
            ? new CanonicalJsonError(CanonicalJsonErrorKind.UnsupportedValue, _position)
            : Unexpected();

    // What to say when the byte at the current position is not one the grammar allows.
    private readonly CanonicalJsonError Unexpected() =>
        _position >= _json.Length ? new CanonicalJsonError(CanonicalJsonErrorKind.UnexpectedEnd, _json.Length)
        : IsWhitespace(_json[_position]) ? new CanonicalJsonError(CanonicalJsonErrorKind.InsignificantWhitespace, _position)
        : new CanonicalJsonError(CanonicalJsonErrorKind.UnexpectedByte, _position);

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
