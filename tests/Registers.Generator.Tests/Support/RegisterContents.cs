using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;

namespace Registers.Generator.Tests.Support;

/// <summary>What an RSF file leaves: the register's fields and the latest item of each user key, and how many entries each key has.</summary>
internal sealed class RegisterContents
{
    private RegisterContents(string name, Dictionary<string, FieldDefinition> fields, Dictionary<string, Item> records, Dictionary<string, int> entries)
    {
        Name = name;
        Fields = fields;
        Records = records;
        EntriesPerKey = entries;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, FieldDefinition> Fields { get; }

    public IReadOnlyDictionary<string, Item> Records { get; }

    public IReadOnlyDictionary<string, int> EntriesPerKey { get; }

    public static RegisterContents Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file);
    }

    public static RegisterContents Read(Stream rsf)
    {
        var items = new Dictionary<Digest, Item>();
        var fields = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        var records = new Dictionary<string, Item>(StringComparer.Ordinal);
        var entries = new Dictionary<string, int>(StringComparer.Ordinal);
        var name = "";
        using var reader = new RsfReader(rsf, leaveOpen: true);
        while (reader.Read())
        {
            var command = reader.Current;
            if (command.Kind == RsfCommandKind.AddItem)
            {
                var item = Item.Create(command.ItemJson.Span);
                items[item.Hash] = item;
            }
            else if (command.Kind == RsfCommandKind.AppendEntry)
            {
                var key = command.Key.ToString();
                var item = items[command.ItemHashes.Span[0]];
                if (command.Log == EntryLog.User)
                {
                    records[key] = item;
                    entries[key] = entries.GetValueOrDefault(key) + 1;
                }
                else if (key.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal))
                {
                    var field = FieldDefinition.Parse(item, key);
                    fields[field.Name] = field;
                }
                else if (key == "name")
                {
                    name = Values(item)["name"][0];
                }
            }
        }

        return new RegisterContents(name, fields, records, entries);
    }

    /// <summary>The values of each attribute of <paramref name="item"/>.</summary>
    public static Dictionary<string, string[]> Values(Item item)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var member in item.Members)
        {
            values[member.GetName()] = member.GetValues();
        }

        return values;
    }

    /// <summary>Every link from a record of one of <paramref name="registers"/> that names no record of the register it links to.</summary>
    public static IEnumerable<string> BrokenLinks(IReadOnlyCollection<RegisterContents> registers)
    {
        var byName = registers.ToDictionary(register => register.Name);
        foreach (var register in registers)
        {
            foreach (var field in register.Fields.Values.Where(field => field.Datatype == Datatype.Curie && field.Register is not null))
            {
                foreach (var (key, item) in register.Records)
                {
                    foreach (var value in Values(item).GetValueOrDefault(field.Name) ?? [])
                    {
                        var target = value.StartsWith(field.Register + ":", StringComparison.Ordinal) ? value[(field.Register!.Length + 1)..] : value;
                        if (!byName.TryGetValue(field.Register!, out var linked) || !linked.Records.ContainsKey(target))
                        {
                            yield return $"{register.Name} {key}: {field.Name} {value}";
                        }
                    }
                }
            }
        }
    }
}
