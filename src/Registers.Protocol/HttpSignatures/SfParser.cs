namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Parses RFC 8941 dictionaries by the algorithms of its section 4.2, step by step, stopping at the
/// first failure. One deliberate difference: a repeated dictionary or parameter key is an error
/// (<see cref="StructuredFieldError.DuplicateKey"/>) rather than the last one winning.
/// </summary>
internal sealed partial class SfParser
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
        var keys = new HashSet<string>(StringComparer.Ordinal); // a field is attacker's input: no quadratic duplicate search
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

            if (!keys.Add(key))
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
        var keys = new HashSet<string>(StringComparer.Ordinal);
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

            if (!keys.Add(key))
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
