using System.Globalization;
using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Tests.Support;

/// <summary>
/// An RSF file of a register of any name whose one field is its key: its name and that field's definition (lines 1 to 4),
/// then an entry of each key from 1, a minute apart: a file a server loads into a register of that name, and no other.
/// </summary>
internal static class OneFieldRsf
{
    /// <summary>Writes the file at <paramref name="path"/>, with <paramref name="entries"/> user entries of <paramref name="register"/>; returns its path.</summary>
    public static string Write(string path, string register, int entries)
    {
        using var writer = new RsfWriter(File.Create(path));
        var time = EntryTimestamp.FromUnixSeconds(1_600_000_000);
        void Entry(EntryLog log, string key, string json)
        {
            var item = Item.FromJson(Encoding.UTF8.GetBytes(json));
            writer.WriteAddItem(item);
            writer.WriteAppendEntry(log, key, time, [item.Hash]);
        }

        Entry(EntryLog.System, "name", $$"""{"name":"{{register}}"}""");
        Entry(EntryLog.System, $"field:{register}", $$"""{"cardinality":"1","datatype":"string","field":"{{register}}","text":"The key."}""");
        for (var n = 1; n <= entries; n++)
        {
            time = EntryTimestamp.FromUnixSeconds(time.UnixSeconds + 60);
            var key = n.ToString(CultureInfo.InvariantCulture);
            Entry(EntryLog.User, key, $$"""{"{{register}}":"{{key}}"}""");
        }

        return path;
    }
}
