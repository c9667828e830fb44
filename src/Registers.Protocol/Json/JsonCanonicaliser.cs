using System.Text.Json;

namespace Registers.Protocol.Json;

/// <summary>
/// Turns any JSON object holding v1 values (pretty-printed, unsorted, escaped any valid way) into the
/// canonical bytes <see cref="CanonicalJson"/> accepts. Null, <c>""</c> and <c>[]</c> mean "absent"
/// in v1 (specification rest-api, JSON serialisation), so such members, and null or empty strings
/// inside arrays, are dropped. Array order is kept. Nothing is guessed: numbers, booleans and nested
/// objects are refused rather than turned into strings, and a name given twice is refused.
/// </summary>
public static class JsonCanonicaliser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Canonicalises <paramref name="utf8Json"/>; when it cannot, says why.</summary>
    public static bool TryCanonicalise(ReadOnlySpan<byte> utf8Json, out byte[] canonical, out CanonicaliseError error)
    {
        canonical = [];
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!ReadMembers(ref reader, out var members, out error))
            {
                return false;
            }

            // A complete object must be the whole input (the reader refuses trailing data).
            if (reader.Read())
            {
                error = new CanonicaliseError(CanonicaliseErrorKind.InvalidJson, null, reader.TokenStartIndex, "data after the object");
                return false;
            }

            canonical = CanonicalObjectWriter.Write(members);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // JsonException: malformed JSON or invalid UTF-8; InvalidOperationException: a lone surrogate escape.
            error = new CanonicaliseError(CanonicaliseErrorKind.InvalidJson, null, reader.BytesConsumed, ex.Message);
            return false;
        }
    }

    /// <summary>Canonicalises <paramref name="utf8Json"/>.</summary>
    /// <exception cref="FormatException">It cannot be canonicalised; the message says why.</exception>
    public static byte[] Canonicalise(ReadOnlySpan<byte> utf8Json) =>
        TryCanonicalise(utf8Json, out var canonical, out var error)
            ? canonical
            : throw new FormatException($"JSON cannot be canonicalised: {error.Message}.");

    private static bool ReadMembers(ref Utf8JsonReader reader, out List<PendingMember> members, out CanonicaliseError error)
    {
        members = [];
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = new CanonicaliseError(CanonicaliseErrorKind.ExpectedObject, null, reader.TokenStartIndex);
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = reader.TokenStartIndex;
            var name = reader.GetString()!;
            if (!CanonicalJson.IsAttributeName(name))
            {
                error = new CanonicaliseError(CanonicaliseErrorKind.InvalidAttributeName, name, nameStart);
                return false;
            }

            if (!seen.Add(name))
            {
                error = new CanonicaliseError(CanonicaliseErrorKind.DuplicateAttribute, name, nameStart);
                return false;
            }

            reader.Read();
            if (!ReadValues(ref reader, name, out var values, out var isList, out error))
            {
                return false;
            }

            if (values.Count > 0)
            {
                members.Add(new PendingMember(System.Text.Encoding.ASCII.GetBytes(name), [.. values], isList));
            }
        }

        error = default;
        return true;
    }

    private static bool ReadValues(ref Utf8JsonReader reader, string name, out List<byte[]> values, out bool isList, out CanonicaliseError error)
    {
        values = [];
        isList = reader.TokenType == JsonTokenType.StartArray;
        if (!isList)
        {
            return ReadString(ref reader, name, values, out error);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!ReadString(ref reader, name, values, out error))
            {
                return false;
            }
        }

        error = default;
        return true;
    }

    // Adds the string at the reader to values (skipping null and ""), or refuses any other token.
    private static bool ReadString(ref Utf8JsonReader reader, string name, List<byte[]> values, out CanonicaliseError error)
    {
        error = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                var buffer = new byte[reader.ValueSpan.Length];
                var length = reader.CopyString(buffer);
                if (length > 0)
                {
                    values.Add(length == buffer.Length ? buffer : buffer[..length]);
                }

                return true;
            default:
                error = new CanonicaliseError(CanonicaliseErrorKind.UnsupportedValue, name, reader.TokenStartIndex, reader.TokenType.ToString());
                return false;
        }
    }
}
