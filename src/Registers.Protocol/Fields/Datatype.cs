namespace Registers.Protocol.Fields;

/// <summary>The primitive datatypes a field may have (the v1 datatypes, plus boolean, decimal, point and polygon).</summary>
public enum Datatype
{
    /// <summary><c>string</c>: one or more Unicode characters, not all whitespace.</summary>
    String,

    /// <summary><c>text</c>: a string holding Markdown.</summary>
    Text,

    /// <summary><c>integer</c>: <c>0</c> or <c>["-"] non-zero *digit</c>.</summary>
    Integer,

    /// <summary><c>decimal</c>: an integer part as for integer, then optionally <c>"." 1*digit</c>.</summary>
    Decimal,

    /// <summary><c>boolean</c>: <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>datetime</c>: a UTC date or date-time with reduced precision allowed (<c>2016</c>, <c>2016-04</c>, <c>2016-04-05T13Z</c>, ...).</summary>
    Datetime,

    /// <summary><c>timestamp</c>: exactly <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    Timestamp,

    /// <summary><c>period</c>: an ISO 8601 interval: start/end, start/duration, duration/end or a duration.</summary>
    Period,

    /// <summary><c>point</c>: a GeoJSON position, <c>[x, y]</c> or <c>[x, y, z]</c>.</summary>
    Point,

    /// <summary><c>polygon</c>: GeoJSON polygon coordinates, an array of closed linear rings.</summary>
    Polygon,

    /// <summary><c>url</c>: an absolute URL.</summary>
    Url,

    /// <summary><c>curie</c>: <c>prefix:reference</c>, a link to a record of another register.</summary>
    Curie,

    /// <summary><c>hash</c>: <c>sha-256:</c> and 64 lower-case hex digits.</summary>
    Hash,

    /// <summary><c>name</c>: <c>[a-z][a-z0-9-]*</c>.</summary>
    Name,
}

/// <summary>The names field items use for <see cref="Datatype"/> and <see cref="Cardinality"/>.</summary>
public static class DatatypeNames
{
    private static readonly Dictionary<string, Datatype> ByName = Enum.GetValues<Datatype>()
        .ToDictionary(ToName, d => d, StringComparer.Ordinal);

    private static readonly Dictionary<string, Datatype>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The lower-case name of <paramref name="datatype"/>, as in the datatype register.</summary>
    public static string ToName(this Datatype datatype) => datatype switch
    {
        Datatype.String => "string",
        Datatype.Text => "text",
        Datatype.Integer => "integer",
        Datatype.Decimal => "decimal",
        Datatype.Boolean => "boolean",
        Datatype.Datetime => "datetime",
        Datatype.Timestamp => "timestamp",
        Datatype.Period => "period",
        Datatype.Point => "point",
        Datatype.Polygon => "polygon",
        Datatype.Url => "url",
        Datatype.Curie => "curie",
        Datatype.Hash => "hash",
        Datatype.Name => "name",
        _ => throw new ArgumentOutOfRangeException(nameof(datatype), datatype, "Unknown datatype."),
    };

    /// <summary>Parses a datatype name (exactly, lower case).</summary>
    public static bool TryParseDatatype(ReadOnlySpan<char> name, out Datatype datatype) => ByNameSpan.TryGetValue(name, out datatype);

    /// <summary><c>1</c> or <c>n</c>.</summary>
    public static string ToName(this Cardinality cardinality) => cardinality == Cardinality.One ? "1" : "n";

    /// <summary>Parses <c>1</c> or <c>n</c>.</summary>
    public static bool TryParseCardinality(ReadOnlySpan<char> name, out Cardinality cardinality)
    {
        cardinality = name is "n" ? Cardinality.Many : Cardinality.One;
        return name is "1" or "n";
    }
}

/// <summary>How many values a field holds.</summary>
public enum Cardinality
{
    /// <summary><c>1</c>: one value, a JSON string.</summary>
    One,

    /// <summary><c>n</c>: a set of values, a JSON array of strings (in CSV, one cell split on <c>;</c>).</summary>
    Many,
}
