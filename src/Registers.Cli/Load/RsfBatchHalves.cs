using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Load;

/// <summary>
/// Cuts a batch in two for a server that will not take it whole (413). Like the batcher, a cut falls before a user entry
/// only, so a run of system entries stays together; each half is self-contained again, the second bringing the items it
/// cites that the first carried. The cut depends on the batch alone, so a run again makes the same halves.
/// </summary>
internal static class RsfBatchHalves
{
    /// <summary>The two halves of <paramref name="batch"/>, or null when it has no user entry to cut before but its first.</summary>
    public static (RsfBatch First, RsfBatch Second)? Of(RsfBatch batch)
    {
        var lines = Read(batch);
        var entries = lines.Where(line => line.Kind == RsfCommandKind.AppendEntry).ToList();
        var cuts = Enumerable.Range(1, Math.Max(entries.Count - 1, 0)).Where(n => entries[n].Log == EntryLog.User).ToList();
        if (cuts.Count == 0)
        {
            return null;
        }

        var cut = cuts.MinBy(n => Math.Abs((2 * n) - entries.Count));
        var cutLine = lines.IndexOf(entries[cut]);
        var first = Part(lines[..cutLine], batch.StartUser, batch.StartSystem);
        var second = Part(lines[cutLine..], batch.StartUser + first.UserEntries, batch.StartSystem + first.SystemEntries, lines[..cutLine]);
        return (first, second);
    }

    /// <summary>The file line of the batch's first entry: where a batch that cannot be cut is named.</summary>
    public static long FirstEntryLine(RsfBatch batch) =>
        Read(batch).First(line => line.Kind == RsfCommandKind.AppendEntry).FileLine;

    /// <summary>A part of the lines, each entry after the items it cites that the part does not hold yet, taken from <paramref name="earlier"/> when there.</summary>
    private static RsfBatch Part(List<Line> lines, long startUser, long startSystem, List<Line>? earlier = null)
    {
        var items = new Dictionary<Digest, Line>();
        foreach (var item in (earlier ?? []).Concat(lines).Where(line => line.Kind == RsfCommandKind.AddItem))
        {
            items.TryAdd(item.Item, item);
        }

        var body = new MemoryStream();
        var fileLines = new List<long>();
        var held = new HashSet<Digest>();
        var (user, system) = (0, 0);
        void Write(Line line)
        {
            body.Write(line.Bytes);
            fileLines.Add(line.FileLine);
        }

        foreach (var line in lines)
        {
            switch (line.Kind)
            {
                case RsfCommandKind.AddItem:
                    continue;
                case RsfCommandKind.AppendEntry:
                    foreach (var hash in line.Cites.Where(held.Add))
                    {
                        Write(items[hash]);
                    }

                    (user, system) = line.Log == EntryLog.User ? (user + 1, system) : (user, system + 1);
                    break;
            }

            Write(line);
        }

        return new RsfBatch(body.ToArray(), startUser, startSystem, user, system, fileLines);
    }

    /// <summary>The batch's lines with their bytes as sent and what an entry needs of them.</summary>
    private static List<Line> Read(RsfBatch batch)
    {
        var lines = new List<Line>();
        using var reader = new RsfReader(new MemoryStream(batch.Body, writable: false));
        var start = 0L;
        while (reader.Read())
        {
            var command = reader.Current;
            var end = reader.BytesConsumed;
            lines.Add(new Line(
                command.Kind,
                batch.Body[(int)start..(int)end],
                batch.FileLine(command.LineNumber) ?? 0,
                command.Kind == RsfCommandKind.AddItem ? Digest.Of(command.ItemJson.Span) : default,
                command.Log,
                command.Kind == RsfCommandKind.AppendEntry ? command.ItemHashes.ToArray() : []));
            start = end;
        }

        return lines;
    }

    private sealed record Line(RsfCommandKind Kind, byte[] Bytes, long FileLine, Digest Item, EntryLog Log, Digest[] Cites);
}
