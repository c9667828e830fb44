using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Json;
using Registers.Protocol.Rsf;

namespace Registers.Server.Seeding;

/// <summary>One register to seed: its name, its RSF file, and the other registers its fields link to.</summary>
/// <param name="Name">The register's name, which is its folder's name.</param>
/// <param name="Path">The RSF file, <c>&lt;name&gt;/&lt;name&gt;.rsf</c>.</param>
/// <param name="Links">The registers named by its fields' <c>register</c> (other than itself).</param>
internal sealed record Seed(string Name, string Path, IReadOnlySet<string> Links);

/// <summary>Which registers a seed directory holds, and an order to load them in that puts every register after the ones it links to.</summary>
internal static class SeedPlan
{
    /// <summary>The registers in <paramref name="directory"/> (folders <c>&lt;name&gt;</c> holding <c>&lt;name&gt;.rsf</c>), in load order.</summary>
    public static IReadOnlyList<Seed> Read(string directory) =>
        Order(Directory.EnumerateDirectories(directory)
            .Select(folder => (Name: System.IO.Path.GetFileName(folder), File: System.IO.Path.Combine(folder, System.IO.Path.GetFileName(folder) + ".rsf")))
            .Where(found => CanonicalJson.IsAttributeName(found.Name) && File.Exists(found.File))
            .Select(found => new Seed(found.Name, found.File, LinksOf(found.File, found.Name))));

    /// <summary>
    /// Orders <paramref name="seeds"/> so that each comes after the seeds it links to, and otherwise by name.
    /// Links to registers that are not seeded are ignored; registers caught in a cycle of links come last, by name.
    /// </summary>
    public static IReadOnlyList<Seed> Order(IEnumerable<Seed> seeds)
    {
        var waiting = seeds.OrderBy(seed => seed.Name, StringComparer.Ordinal).ToList();
        var names = waiting.Select(seed => seed.Name).ToHashSet(StringComparer.Ordinal);
        var ordered = new List<Seed>();
        while (waiting.Count > 0)
        {
            var next = waiting.FirstOrDefault(seed => seed.Links.All(link => !names.Contains(link) || ordered.Any(done => done.Name == link))) ?? waiting[0];
            ordered.Add(next);
            waiting.Remove(next);
        }

        return ordered;
    }

    /// <summary>The registers that the field definitions in <paramref name="path"/>'s system log link to.</summary>
    private static HashSet<string> LinksOf(string path, string register)
    {
        var fieldItems = new Dictionary<Digest, FieldDefinition>();
        var links = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new RsfReader(File.OpenRead(path));
        while (reader.Read())
        {
            var command = reader.Current;
            if (command.Kind == RsfCommandKind.AddItem && command.ItemJson.Span.IndexOf("\"datatype\":"u8) >= 0)
            {
                var item = Item.Create(command.ItemJson.Span);
                if (FieldDefinition.TryParse(item, null, out var field, out _))
                {
                    fieldItems[item.Hash] = field;
                }
            }
            else if (command.Kind == RsfCommandKind.AppendEntry && command.Log == EntryLog.System && command.Key.Span.StartsWith(FieldDefinition.KeyPrefix))
            {
                foreach (var hash in command.ItemHashes.Span)
                {
                    if (fieldItems.TryGetValue(hash, out var field) && field.Register is { } link && link != register)
                    {
                        links.Add(link);
                    }
                }
            }
        }

        return links;
    }
}
