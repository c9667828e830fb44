using System.Globalization;
using System.Text;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Parses RFC 8941 dictionaries by the algorithms of its section 4.2, step by step, stopping at the
/// first failure. One deliberate difference: a repeated dictionary or parameter key is an error
/// (<see cref="StructuredFieldError.DuplicateKey"/>) rather than the last one winning.
/// </summary>
internal sealed class SfParser
{
    private readonly string _text;
    private int _position;

    private SfParser(string text) => _text = text;

    /// <summary>Where parsing stopped: the failing character, or the text's length when it parsed.</summary>
    private int Position => _position;

    private StructuredFieldError Error { get; set; }

    private bool AtEnd => _position >= _text.Length;

    private char Next => _text[_position];

    /// <summary>
    /// Parses a whole field value as a dictionary. Several field lines of one field must be joined
    /// with commas first. An empty value is an empty dictionary.
    /// </summary>
    internal static bool TryParseDictionary(
        string text, out IReadOnlyList<SfDictionaryMember> dictionary, out StructuredFieldError error, out int position)
    {
        var parser = new SfParser(text);
        var parsed = parser.FirstNonAscii() is { } bad ? parser.Fail<List<SfDictionaryMember>>(StructuredFieldError.NotAscii, bad) : parser.ParseDictionary();
        dictionary = parsed ?? [];
        error = parser.Error;
        position = parser.Position;
        return parsed is not null;
    }

    private int? FirstNonAscii()
    {
        var index = _text.AsSpan().IndexOfAnyExceptInRange('\0', '\x7f');
        return index < 0 ? null : index;
    }

    private List<SfDictionaryMember>? ParseDictionary()
    {
        SkipSpaces();
        var members = new List<SfDictionaryMember>();
        while (!AtEnd)
        {
            var keyStart = _position;
            var key = ParseKey();
            if (key is null)
            {
                return null;
            }

            SfMember? value;
            if (!AtEnd && Next == '=')
            {
                _position++;
                value = !AtEnd && Next == '(' ? ParseInnerList() : ParseItem();
            }
            else
            {
                value = ParseParameters() is { } parameters ? new SfItem(SfBoolean.True, parameters) : null;
            }

            if (value is null)
            {
                return null;
            }

            if (members.Exists(m => m.Key == key))
            {
                return Fail<List<SfDictionaryMember>>(StructuredFieldError.DuplicateKey, keyStart);
            }

            members.Add(new SfDictionaryMember(key, value));
            SkipOptionalWhitespace();
            if (AtEnd)
            {
                break;
            }

            if (Next != ',')
            {
                return Fail<List<SfDictionaryMember>>(StructuredFieldError.InvalidSeparator, _position);
            }

            _position++;
            SkipOptionalWhitespace();
            if (AtEnd)
            {
                return Fail<List<SfDictionaryMember>>(StructuredFieldError.InvalidSeparator, _position);
            }
        }

        return members;
    }

    private SfInnerList? ParseInnerList()
    {
        _position++; // "("
        var items = new List<SfItem>();
        while (!AtEnd)
        {
            SkipSpaces();
            if (AtEnd)
            {
                break;
            }

            if (Next == ')')
            {
                _position++;
                return ParseParameters() is { } parameters ? new SfInnerList(items, parameters) : null;
            }

            var item = ParseItem();
            if (item is null)
            {
                return null;
            }

            items.Add(item);
            if (AtEnd || (Next != ' ' && Next != ')'))
            {
                break;
            }
        }

        return Fail<SfInnerList>(StructuredFieldError.InvalidInnerList, _position);
    }

    private SfItem? ParseItem()
    {
        var value = ParseBareItem();
        var parameters = value is null ? null : ParseParameters();
        return parameters is null ? null : new SfItem(value!, parameters);
    }

    private List<SfParameter>? ParseParameters()
    {
        var parameters = new List<SfParameter>();
        while (!AtEnd && Next == ';')
        {
            _position++;
            SkipSpaces();
            var keyStart = _position;
            var key = ParseKey();
            if (key is null)
            {
                return null;
            }

            SfBareItem? value = SfBoolean.True;
            if (!AtEnd && Next == '=')
            {
                _position++;
                value = ParseBareItem();
                if (value is null)
                {
                    return null;
                }
            }

            if (parameters.Exists(p => p.Key == key))
            {
                return Fail<List<SfParameter>>(StructuredFieldError.DuplicateKey, keyStart);
            }

            parameters.Add(new SfParameter(key, value));
        }

        return parameters;
    }

    private string? ParseKey()
    {
        var start = _position;
        if (AtEnd || !SfSyntax.IsKeyStart(Next))
        {
            return Fail<string>(StructuredFieldError.InvalidKey, _position);
        }

        while (!AtEnd && SfSyntax.IsKeyCharacter(Next))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private SfBareItem? ParseBareItem()
    {
        if (AtEnd)
        {
            return Fail<SfBareItem>(StructuredFieldError.UnexpectedCharacter, _position);
        }

        return Next switch
        {
            '-' or (>= '0' and <= '9') => ParseNumber(),
            '"' => ParseString(),
            ':' => ParseByteSequence(),
            '?' => ParseBoolean(),
            '*' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') => ParseToken(),
            _ => Fail<SfBareItem>(StructuredFieldError.UnexpectedCharacter, _position),
        };
    }

    private SfBareItem? ParseNumber()
    {
        var negative = Next == '-';
        if (negative)
        {
            _position++;
        }

        if (AtEnd || !char.IsAsciiDigit(Next))
        {
            return Fail<SfBareItem>(StructuredFieldError.InvalidNumber, _position);
        }

        var start = _position;
        var dot = -1;
        while (!AtEnd)
        {
            if (char.IsAsciiDigit(Next))
            {
                _position++;
            }
            else if (dot < 0 && Next == '.')
            {
                if (_position - start > 12)
                {
                    return Fail<SfBareItem>(StructuredFieldError.InvalidNumber, _position);
                }

                dot = _position++;
            }
            else
            {
                break;
            }

            if (_position - start > (dot < 0 ? 15 : 16))
            {
                return Fail<SfBareItem>(StructuredFieldError.InvalidNumber, _position - 1);
            }
        }

        var digits = _text.AsSpan(start, _position - start);
        if (dot < 0)
        {
            var integer = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            return new SfInteger(negative ? -integer : integer);
        }

        if (dot == _position - 1 || _position - dot - 1 > 3)
        {
            return Fail<SfBareItem>(StructuredFieldError.InvalidNumber, _position);
        }

        var value = decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new SfDecimal(negative ? -value : value);
    }

    private SfString? ParseString()
    {
        _position++; // opening quote
        var value = new StringBuilder();
        while (!AtEnd)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return new SfString(value.ToString());
            }

            if (c == '\\')
            {
                if (AtEnd || Next is not ('"' or '\\'))
                {
                    return Fail<SfString>(StructuredFieldError.InvalidString, _position);
                }

                c = _text[_position++];
            }
            else if (c is < ' ' or > '~')
            {
                return Fail<SfString>(StructuredFieldError.InvalidString, _position - 1);
            }

            value.Append(c);
        }

        return Fail<SfString>(StructuredFieldError.InvalidString, _position);
    }

    private SfToken ParseToken()
    {
        var start = _position++;
        while (!AtEnd && (SfSyntax.IsTokenCharacter(Next) || Next is ':' or '/'))
        {
            _position++;
        }

        return new SfToken(_text[start.._position]);
    }

    private SfByteSequence? ParseByteSequence()
    {
        var start = ++_position;
        var end = _text.IndexOf(':', start);
        if (end < 0)
        {
            return Fail<SfByteSequence>(StructuredFieldError.InvalidByteSequence, _text.Length);
        }

        if (!SfBase64.TryDecode(_text.AsSpan(start, end - start), out var bytes, out var badIndex))
        {
            return Fail<SfByteSequence>(StructuredFieldError.InvalidByteSequence, start + badIndex);
        }

        _position = end + 1;
        return new SfByteSequence(bytes);
    }

    private SfBoolean? ParseBoolean()
    {
        _position++; // "?"
        if (AtEnd || Next is not ('0' or '1'))
        {
            return Fail<SfBoolean>(StructuredFieldError.InvalidBoolean, _position);
        }

        return new SfBoolean(_text[_position++] == '1');
    }

    private void SkipSpaces()
    {
        while (!AtEnd && Next == ' ')
        {
            _position++;
        }
    }

    private void SkipOptionalWhitespace()
    {
        while (!AtEnd && Next is ' ' or '\t')
        {
            _position++;
        }
    }

    private T? Fail<T>(StructuredFieldError error, int position)
        where T : class
    {
        Error = error;
        _position = position;
        return null;
    }
}
