using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>
/// Merges the events of writes decided one after another against a head that each extended, into
/// one <see cref="ItemsAdded"/> and one <see cref="EntriesAppended"/> per log: several callers'
/// writes committed together cost the projection a handful of statements, not a handful each.
/// </summary>
internal static class EventMerger
{
    /// <summary>The merged events of <paramref name="decisions"/>, which must be accepted and in the order they were decided.</summary>
    public static IReadOnlyList<object> Merge(IReadOnlyList<BatchDecision> decisions)
    {
        // One decision's events are already merged: kept as they are, what the decider derived from them stays known.
        if (decisions.Count == 1)
        {
            return decisions[0].Events;
        }

        var items = new List<string>();
        var batches = new List<EntriesAppended>();
        foreach (var @event in decisions.SelectMany(decision => decision.Events))
        {
            switch (@event)
            {
                case ItemsAdded added:
                    items.AddRange(added.Items);
                    break;
                case EntriesAppended batch when batches.FindIndex(b => b.Log == batch.Log) is var index and >= 0:
                    // Decided against the head the earlier batch left, so it starts where that one ends.
                    var earlier = batches[index];
                    batches[index] = earlier with { Entries = [.. earlier.Entries, .. batch.Entries], NewKeys = earlier.NewKeys + batch.NewKeys };
                    break;
                case EntriesAppended batch:
                    batches.Add(batch);
                    break;
                default:
                    throw new InvalidOperationException($"A write does not make {@event.GetType().Name} events.");
            }
        }

        return [.. (items.Count > 0 ? [new ItemsAdded([.. items.Distinct(StringComparer.Ordinal)])] : Array.Empty<object>()), .. batches.OrderBy(batch => batch.Log)];
    }
}
