using System.Text;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;
using Registers.Protocol.Json;

namespace Registers.Cli.Append;

/// <summary>
/// Makes the item of <c>registers append</c> from its arguments: one JSON object, or <c>field=value</c> pairs. A
/// cardinality-n field of the register's schema takes its values from repeats of the field and from <c>;</c> within a
/// value; any other value is kept whole, <c>;</c> and all. The item is checked with <see cref="ItemValidator"/>. The key
/// field is added from the entry key when the arguments leave it out.
/// </summary>
internal static class ItemArguments
{
    /// <summary>The item, or the problems that stop it being one (each a line for people).</summary>
    public static (Item? Item, IReadOnlyList<string> Problems) Make(string register, string key, IReadOnlyList<string> values, RegisterSchema schema)
    {
        Item item;
        if (values.Count == 1 && values[0].TrimStart().StartsWith('{'))
        {
            if (!JsonCanonicaliser.TryCanonicalise(Encoding.UTF8.GetBytes(values[0]), out var canonical, out var error))
            {
                return (null, [$"the item is not a JSON object of strings and lists of strings: {error.Message}"]);
            }

            item = Item.Create(canonical);
        }
        else if (Pairs(values, register, key) is not { } pairs)
        {
            return (null, ["give the item as one JSON object or as field=value pairs (e.g. name=Wales)"]);
        }
        else
        {
            var repeated = pairs.Where(pair => pair.Values.Count > 1 && schema.TryGetField(pair.Field, out var field) && field.Cardinality == Cardinality.One).ToList();
            if (repeated.Count > 0)
            {
                return (null, [.. repeated.Select(pair => $"{pair.Field}: given {pair.Values.Count} times, but the field has cardinality 1")]);
            }

            var row = pairs.Select(pair => new KeyValuePair<string, string?>(pair.Field, string.Join(CsvRowCanonicaliser.ListSeparator, pair.Values)));
            if (!CsvRowCanonicaliser.TryCanonicalise(row, schema, out var canonical, out var error))
            {
                return (null, [error.Message]);
            }

            item = Item.Create(canonical);
        }

        var problems = ItemValidator.Validate(schema, key, item).Select(error => error.Message).ToList();
        return problems.Count == 0 ? (item, []) : (null, problems);
    }

    private static List<(string Field, List<string> Values)>? Pairs(IReadOnlyList<string> values, string register, string key)
    {
        var pairs = new List<(string Field, List<string> Values)>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            var field = value[..equals];
            var existing = pairs.FindIndex(pair => pair.Field == field);
            if (existing < 0)
            {
                pairs.Add((field, [value[(equals + 1)..]]));
            }
            else
            {
                pairs[existing].Values.Add(value[(equals + 1)..]);
            }
        }

        if (!pairs.Exists(pair => pair.Field == register))
        {
            pairs.Insert(0, (register, [key]));
        }

        return pairs;
    }
}
