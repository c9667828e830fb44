using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf;

namespace Registers.Generator;

/// <summary>
/// Writes a deterministic RSF file for a small made-up register of schools: system entries naming the register and
/// its five fields, then user entries (nine in ten a new school, one in ten an update of an earlier one with a new item),
/// each after the add-item of its item, timestamps a few seconds apart, and an assert-root-hash every 100,000 entries
/// and at the end. The same count always gives the same bytes.
/// </summary>
public static class SchoolRegister
{
    private static readonly string[] Towns = ["Leeds", "York", "Bath", "Ely", "Truro", "Wells", "Ripon", "Derby", "Hull", "Perth"];
    private static readonly string[] Streets = ["High Street", "Church Lane", "Station Road", "Mill Lane", "The Green", "Park Road"];
    private static readonly string[] Phases = ["nursery", "primary", "secondary", "all-through"];

    /// <summary>The register's name.</summary>
    public const string Name = "school";

    /// <summary>Writes the register with <paramref name="userEntries"/> user entries to a new file at <paramref name="path"/>.</summary>
    public static void Write(string path, int userEntries)
    {
        using var file = File.Create(path);
        Write(file, userEntries);
    }

    /// <summary>Writes the register with <paramref name="userEntries"/> user entries to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, int userEntries)
    {
        var random = new Random(20210301);
        var tree = new CompactRange();
        var time = EntryTimestamp.Parse("2020-01-01T00:00:00Z").UnixSeconds;
        using var writer = new RsfWriter(stream, leaveOpen: true);
        writer.WriteAssertRootHash(tree.Root());
        WriteSystem(writer, time);

        var schools = 0;
        for (var n = 1; n <= userEntries; n++)
        {
            // Nine in ten entries add a school; the rest give an earlier school a new name or address.
            var key = schools == 0 || random.Next(10) != 0 ? ++schools : 1 + random.Next(schools);
            var item = Item.Create(System.Text.Encoding.UTF8.GetBytes(
                $$"""{"address":"{{1 + random.Next(200)}} {{Streets[random.Next(Streets.Length)]}}, {{Towns[random.Next(Towns.Length)]}}","name":"{{Towns[key % Towns.Length]}} School {{key}}","phase":"{{Phases[random.Next(Phases.Length)]}}","school":"{{100000 + key}}","start-date":"{{1950 + random.Next(70)}}-09-0{{1 + random.Next(9)}}"}"""));
            time += 1 + random.Next(5);
            var timestamp = EntryTimestamp.FromUnixSeconds(time);
            var keyText = (100000 + key).ToString(System.Globalization.CultureInfo.InvariantCulture);
            writer.WriteAddItem(item);
            writer.WriteAppendEntry(EntryLog.User, keyText, timestamp, [item.Hash]);
            tree.Append(EntryLeaf.Hash(n, timestamp, keyText, [item.Hash]));
            if (n % 100_000 == 0 || n == userEntries)
            {
                writer.WriteAssertRootHash(tree.Root());
            }
        }
    }

    private static void WriteSystem(RsfWriter writer, long time)
    {
        var timestamp = EntryTimestamp.FromUnixSeconds(time);
        (string Key, string Json)[] system =
        [
            ("name", """{"name":"school"}"""),
            ("field:school", """{"cardinality":"1","datatype":"string","field":"school","phase":"alpha","text":"The unique number of a school."}"""),
            ("field:name", """{"cardinality":"1","datatype":"string","field":"name","phase":"alpha","text":"The name of a school."}"""),
            ("field:address", """{"cardinality":"1","datatype":"string","field":"address","phase":"alpha","text":"The postal address of a school."}"""),
            ("field:phase", """{"cardinality":"1","datatype":"string","field":"phase","phase":"alpha","text":"The phase of education."}"""),
            ("field:start-date", """{"cardinality":"1","datatype":"datetime","field":"start-date","phase":"alpha","text":"The date a school opened."}"""),
            ("register:school", """{"fields":["school","name","address","phase","start-date"],"phase":"alpha","register":"school","text":"Schools, made up for benchmarks."}"""),
        ];
        foreach (var (key, json) in system)
        {
            var item = Item.Create(System.Text.Encoding.UTF8.GetBytes(json));
            writer.WriteAddItem(item);
            writer.WriteAppendEntry(EntryLog.System, key, timestamp, [item.Hash]);
        }
    }

    /// <summary>SHA-256 of a file, to show that generation is deterministic.</summary>
    public static Digest FileHash(string path)
    {
        using var file = File.OpenRead(path);
        return Digest.FromBytes(System.Security.Cryptography.SHA256.HashData(file));
    }
}
