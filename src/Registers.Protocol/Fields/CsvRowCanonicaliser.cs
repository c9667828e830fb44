using System.Text;
using System.Text.Unicode;
using Registers.Protocol.Json;

namespace Registers.Protocol.Fields;

/// <summary>
/// Turns one CSV row, given as column name to cell, into canonical item bytes, as GOV.UK's CSV
/// representation defines it (specification rest-api, CSV): an empty cell means the attribute is
/// absent, and a cell of a cardinality-n field holds its values separated by <c>;</c>. Parts are not
/// trimmed (a space after <c>;</c> stays in the value, as it did in GOV.UK's own loads; the datatype
/// check then says so), and empty parts are dropped like empty cells. Columns must be fields of the
/// register. Values are not datatype-checked here: that is <see cref="ItemValidator"/>'s job.
/// </summary>
public static class CsvRowCanonicaliser
{
    /// <summary>The separator between the values of a cardinality-n cell.</summary>
    public const char ListSeparator = ';';

    /// <summary>Canonicalises <paramref name="row"/> for a register with <paramref name="schema"/>; when it cannot, says why.</summary>
    public static bool TryCanonicalise(IEnumerable<KeyValuePair<string, string?>> row, RegisterSchema schema, out byte[] canonical, out CanonicaliseError error)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(schema);
        canonical = [];
        var members = new List<PendingMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (column, cell) in row)
        {
            if (!CanonicalJson.IsAttributeName(column))
            {
                error = new CanonicaliseError(CanonicaliseErrorKind.InvalidAttributeName, column, -1);
                return false;
            }

            if (!seen.Add(column))
            {
                error = new CanonicaliseError(CanonicaliseErrorKind.DuplicateAttribute, column, -1);
                return false;
            }

            if (!schema.TryGetField(column, out var field))
            {
                error = new CanonicaliseError(CanonicaliseErrorKind.UnknownField, column, -1, $"'{schema.Register}' has no such field");
                return false;
            }

            var isList = field.Cardinality == Cardinality.Many;
            string[] parts = string.IsNullOrEmpty(cell) ? []
                : isList ? cell.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries)
                : [cell];
            if (parts.Length == 0)
            {
                continue;
            }

            var values = new byte[parts.Length][];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!TryEncode(parts[i], out values[i]))
                {
                    error = new CanonicaliseError(CanonicaliseErrorKind.InvalidJson, column, -1, "the cell is not valid UTF-16 (a lone surrogate)");
                    return false;
                }
            }

            members.Add(new PendingMember(Encoding.ASCII.GetBytes(column), values, isList));
        }

        canonical = CanonicalObjectWriter.Write(members);
        error = default;
        return true;
    }

    /// <summary>Canonicalises <paramref name="row"/>.</summary>
    /// <exception cref="FormatException">The row cannot be canonicalised; the message says why.</exception>
    public static byte[] Canonicalise(IEnumerable<KeyValuePair<string, string?>> row, RegisterSchema schema) =>
        TryCanonicalise(row, schema, out var canonical, out var error)
            ? canonical
            : throw new FormatException($"CSV row cannot be canonicalised: {error.Message}.");

    // Strict UTF-8: a lone surrogate is refused rather than silently replaced by U+FFFD.
    private static bool TryEncode(string text, out byte[] utf8)
    {
        utf8 = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        if (Utf8.FromUtf16(text, utf8, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        utf8 = utf8[..written];
        return true;
    }
}
