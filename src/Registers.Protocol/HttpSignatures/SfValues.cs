namespace Registers.Protocol.HttpSignatures;

// The subset of the RFC 8941 data model that HTTP message signatures and digests use: dictionaries
// whose members are items or inner lists, items with parameters, and every kind of bare item.

/// <summary>A bare item: integer, decimal, string, token, byte sequence or boolean.</summary>
internal abstract record SfBareItem;

/// <summary>An integer of at most 15 digits.</summary>
internal sealed record SfInteger(long Value) : SfBareItem;

/// <summary>A decimal with at most 12 integer and 3 fraction digits.</summary>
internal sealed record SfDecimal(decimal Value) : SfBareItem;

/// <summary>A string of printable ASCII.</summary>
internal sealed record SfString(string Value) : SfBareItem;

/// <summary>A token: an unquoted word such as <c>application/json</c>.</summary>
internal sealed record SfToken(string Value) : SfBareItem;

/// <summary>A byte sequence, written as base64 between colons.</summary>
internal sealed record SfByteSequence(byte[] Value) : SfBareItem;

/// <summary>A boolean, <c>?1</c> or <c>?0</c>.</summary>
internal sealed record SfBoolean(bool Value) : SfBareItem
{
    internal static readonly SfBoolean True = new(true);
}

/// <summary>One parameter: a key and a bare item (true when the value is left out).</summary>
internal sealed record SfParameter(string Key, SfBareItem Value);

/// <summary>A dictionary member's value, item or inner list, with its parameters in order.</summary>
internal abstract record SfMember(IReadOnlyList<SfParameter> Parameters)
{
    /// <summary>The value of the parameter named <paramref name="key"/>, or null.</summary>
    internal SfBareItem? Parameter(string key) => Parameters.FirstOrDefault(p => p.Key == key)?.Value;
}

/// <summary>A bare item with parameters.</summary>
internal sealed record SfItem(SfBareItem Value, IReadOnlyList<SfParameter> Parameters) : SfMember(Parameters);

/// <summary>A parenthesised list of items, with parameters of its own.</summary>
internal sealed record SfInnerList(IReadOnlyList<SfItem> Items, IReadOnlyList<SfParameter> Parameters) : SfMember(Parameters);

/// <summary>A dictionary member: its key and value, in the order the field gave them.</summary>
internal sealed record SfDictionaryMember(string Key, SfMember Value);

/// <summary>Lookups on a parsed dictionary, whose keys the parser made unique.</summary>
internal static class SfDictionary
{
    internal static SfMember? Find(this IReadOnlyList<SfDictionaryMember> dictionary, string key) =>
        dictionary.FirstOrDefault(m => m.Key == key)?.Value;
}
