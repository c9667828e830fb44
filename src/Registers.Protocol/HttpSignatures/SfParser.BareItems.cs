using System.Globalization;
using System.Text;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Bare items (RFC 8941 sections 4.2.3.1 to 4.2.8): integers and decimals, strings, tokens, byte
/// sequences and booleans. Dates and display strings of RFC 9651 are not read: they fail as
/// <see cref="StructuredFieldError.UnexpectedCharacter"/>.
/// </summary>
internal sealed partial class SfParser
{
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
}
