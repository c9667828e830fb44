using Registers.Protocol.Entries;
using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>
/// A register definition (<c>register:&lt;name&gt;</c>) written by a write must list only fields defined once the write is
/// in. A load is judged when its whole file is in (<see cref="MetadataCheck"/>), as a file may list fields before it defines them.
/// </summary>
internal static class DefinitionCheck
{
    /// <summary>The fields the write's last definition of its register lists that nothing defines, as problems of that entry.</summary>
    public static IReadOnlyList<EntryProblem> UndefinedListedFields(WriteContext context, IReadOnlyList<ProposedEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entries);
        var key = MetadataItemShape.RegisterPrefix + context.Register;
        var index = entries.ToList().FindLastIndex(entry => entry.Log == EntryLog.System && entry.Key == key);
        if (index < 0 || entries[index].ItemHashes is not [var hash] || !context.Items.TryGetValue(hash, out var definition))
        {
            return [];
        }

        var defined = context.After(entries).Fields.Select(field => field.Name).ToHashSet(StringComparer.Ordinal);
        return [.. MetadataCoherence.Problems(context.Register, defined, definition.ToString())
            .Where(problem => problem.Rule == MetadataCoherence.UndefinedField)
            .Select(problem => new EntryProblem(index, entries[index].Line, key, problem.Rule, problem.Detail))];
    }
}
