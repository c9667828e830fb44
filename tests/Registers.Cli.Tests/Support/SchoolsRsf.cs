using System.Globalization;
using System.Text;
using Registers.Generator;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Tests.Support;

/// <summary>
/// An RSF file of the school register: its metadata (line 1 asserts the empty root, lines 2 to 15 are its 7 system entries
/// and their items), then a school of each name, a minute apart: user entry n's item on line 14 + 2n, the entry on the next.
/// </summary>
internal static class SchoolsRsf
{
    /// <summary>The file line of user entry <paramref name="n"/> (from 1).</summary>
    public static long EntryLine(int n) => 15 + (2 * n);

    /// <summary>Writes <c>schools.rsf</c> in <paramref name="folder"/>, a school of each of <paramref name="names"/>; returns its path.</summary>
    public static string Write(string folder, string[] names)
    {
        var path = Path.Combine(folder, "schools.rsf");
        using var file = File.Create(path);
        SchoolRegister.Write(file, 0);
        using var writer = new RsfWriter(file, leaveOpen: true);
        for (var n = 1; n <= names.Length; n++)
        {
            var key = (100000 + n).ToString(CultureInfo.InvariantCulture);
            var item = Item.Create(Encoding.UTF8.GetBytes($$"""{"name":"{{names[n - 1]}}","school":"{{key}}"}"""));
            writer.WriteAddItem(item);
            writer.WriteAppendEntry(EntryLog.User, key, EntryTimestamp.FromUnixSeconds(1_600_000_000 + (60 * n)), [item.Hash]);
        }

        return path;
    }
}
