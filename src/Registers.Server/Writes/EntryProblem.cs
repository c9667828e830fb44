namespace Registers.Server.Writes;

/// <summary>
/// Why an entry of a batch cannot be appended: which entry (by position in the batch and, for RSF,
/// by line), which rule, and, for item problems, which field and value.
/// </summary>
/// <param name="Entry">The entry's 0-based position in the request; null for RSF, where <paramref name="Line"/> says where.</param>
/// <param name="Line">The RSF line, when the entry came from RSF.</param>
/// <param name="Key">The entry's key.</param>
/// <param name="Rule">A short, stable name for the rule broken (e.g. <c>datatype</c>, <c>key-syntax</c>).</param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Field">The field concerned, for item problems.</param>
/// <param name="Value">The offending value, for item problems.</param>
/// <param name="Column">The 1-based byte column within the RSF line where the fault was found, when the RSF parser places it (not for a whole line).</param>
public sealed record EntryProblem(int? Entry, long? Line, string Key, string Rule, string Detail, string? Field = null, string? Value = null, int? Column = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Where()}{(Key.Length > 0 ? $", key '{Key}'" : "")}: {Detail}"; // RSF lines not of an entry have no key

    // A column only ever places a fault within an RSF line.
    private string Where() => (Line, Column, Entry) switch
    {
        ({ } line, { } column, _) => $"line {line}, column {column}",
        ({ } line, null, _) => $"line {line}",
        (null, _, { } entry) => $"entry {entry}",
        _ => "the register",
    };
}
