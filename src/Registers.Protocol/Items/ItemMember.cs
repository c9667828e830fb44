using Registers.Protocol.Json;

namespace Registers.Protocol.Items;

/// <summary>
/// One attribute of a canonical item, read in place from the item's bytes: its name, whether the
/// value is a list (cardinality n) and its string values, still escaped as canonical JSON writes them.
/// </summary>
public readonly ref struct ItemMember
{
    internal ItemMember(ReadOnlySpan<byte> name, ReadOnlySpan<byte> json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>The attribute name, UTF-8 (always ASCII: <c>[a-z][a-z0-9-]*</c>).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The value exactly as it appears in the item: a JSON string or an array of JSON strings.</summary>
    public ReadOnlySpan<byte> Json { get; }

    /// <summary>Whether the value is an array (cardinality n) rather than one string.</summary>
    public bool IsList => Json[0] == (byte)'[';

    /// <summary>The string values (one when not a list), each the escaped body between the quotes.</summary>
    public JsonStringEnumerator Values => new(Json);

    /// <summary>The attribute name as a string.</summary>
    public string GetName() => System.Text.Encoding.ASCII.GetString(Name);

    /// <summary>The first (for cardinality 1: the only) value, decoded.</summary>
    public string GetFirstValue()
    {
        var values = Values;
        values.MoveNext();
        return CanonicalEscaping.GetString(values.Current);
    }

    /// <summary>All values, decoded.</summary>
    public string[] GetValues()
    {
        var list = new List<string>();
        foreach (var value in Values)
        {
            list.Add(CanonicalEscaping.GetString(value));
        }

        return [.. list];
    }
}

/// <summary>Walks the JSON strings of a canonical value (a string, or an array of strings), yielding escaped bodies.</summary>
public ref struct JsonStringEnumerator
{
    private ReadOnlySpan<byte> _rest;

    internal JsonStringEnumerator(ReadOnlySpan<byte> json) =>
        _rest = json[0] == (byte)'[' ? json[1..] : json;

    /// <summary>The escaped body of the current string, without its quotes.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator, so it can be used in <c>foreach</c>.</summary>
    public readonly JsonStringEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next string; false after the last.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty || _rest[0] != (byte)'"')
        {
            return false;
        }

        var end = ItemReading.EndOfString(_rest);
        Current = _rest[1..(end - 1)];
        // Skip the separator (',' or the closing ']') that follows.
        _rest = end < _rest.Length ? _rest[(end + 1)..] : default;
        return true;
    }
}

/// <summary>Walks the members of a canonical item in order.</summary>
public ref struct ItemMemberEnumerator
{
    private ReadOnlySpan<byte> _rest;

    internal ItemMemberEnumerator(ReadOnlySpan<byte> canonical) =>
        _rest = canonical.Length > 2 ? canonical[1..] : default;

    /// <summary>The current member.</summary>
    public ItemMember Current { get; private set; }

    /// <summary>Returns this enumerator, so it can be used in <c>foreach</c>.</summary>
    public readonly ItemMemberEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next member; false after the last.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty || _rest[0] != (byte)'"')
        {
            return false;
        }

        // Names are attribute names: no escapes, so the next quote closes them.
        var nameEnd = _rest[1..].IndexOf((byte)'"') + 1;
        var name = _rest[1..nameEnd];
        var value = _rest[(nameEnd + 2)..];
        var valueLength = value[0] == (byte)'[' ? ItemReading.EndOfArray(value) : ItemReading.EndOfString(value);
        Current = new ItemMember(name, value[..valueLength]);
        _rest = value[(valueLength + 1)..];
        return true;
    }
}

/// <summary>Finds where values end in text already known to be canonical.</summary>
internal static class ItemReading
{
    /// <summary>The length of the JSON string at the start of <paramref name="json"/>, quotes included.</summary>
    public static int EndOfString(ReadOnlySpan<byte> json)
    {
        var position = 1;
        while (true)
        {
            var stop = json[position..].IndexOfAny((byte)'"', (byte)'\\');
            position += stop;
            if (json[position] == (byte)'"')
            {
                return position + 1;
            }

            // A backslash escape: \uXXXX is six bytes, the others two.
            position += json[position + 1] == (byte)'u' ? 6 : 2;
        }
    }

    /// <summary>The length of the array of strings at the start of <paramref name="json"/>, brackets included.</summary>
    public static int EndOfArray(ReadOnlySpan<byte> json)
    {
        var position = 1;
        while (true)
        {
            position += EndOfString(json[position..]);
            if (json[position] == (byte)']')
            {
                return position + 1;
            }

            position++; // the comma
        }
    }
}
