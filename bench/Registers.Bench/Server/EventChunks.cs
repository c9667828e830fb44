using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;
using Registers.Server.Registers;
using Registers.Server.Writes;

namespace Registers.Bench.Server;

/// <summary>The events of one chunk of an RSF file, and the hashes of each batch of entries in it.</summary>
internal sealed record EventChunk(IReadOnlyList<object> Events, IReadOnlyList<(EntriesAppended Batch, BatchHashes Hashes)> Batches);

/// <summary>
/// The events the server appends when it loads an RSF file, built the same way without a database: the file is
/// cut where the server's RsfLoader cuts it (every RsfChunks.ChunkSize lines of items and entries, and at each assert-root-hash);
/// a chunk's items become one <see cref="ItemsAdded"/> and its entries one <see cref="EntriesAppended"/> per log,
/// numbered, chained and framed from the head so far, as BatchDecider makes them. The rules the server checks
/// are not checked (the generated file keeps them), but every assert-root-hash is, so the events are the file's.
/// </summary>
internal sealed class EventChunks(string register)
{
    /// <summary>Lines of items and entries per chunk: RsfLoader's chunk size.</summary>
    public const int ChunkLines = RsfChunks.ChunkSize;

    private readonly HashSet<(EntryLog Log, string Key)> _keys = [];
    private readonly List<Item> _items = [];
    private readonly List<(EntryLog Log, AppendedEntry Entry)> _entries = [];

    /// <summary>The register's head after the chunks read so far.</summary>
    public RegisterHead Head { get; private set; } = RegisterHead.Create(new RegisterCreated(register));

    /// <summary>Reads <paramref name="file"/> chunk by chunk; only one chunk is held at a time.</summary>
    /// <exception cref="InvalidDataException">A line is malformed or an assertion fails.</exception>
    public IEnumerable<EventChunk> Read(string file)
    {
        using var reader = new RsfReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        while (reader.Read())
        {
            var command = reader.Current;
            if (command.Kind == RsfCommandKind.AddItem)
            {
                _items.Add(Item.Create(command.ItemJson.Span));
            }
            else if (command.Kind == RsfCommandKind.AppendEntry)
            {
                _entries.Add((command.Log, new AppendedEntry(command.Key.ToString(), command.Timestamp, command.ItemHashes.ToArray())));
            }
            else if (command.Kind == RsfCommandKind.AssertRootHash)
            {
                if (Flush() is { } beforeAssertion)
                {
                    yield return beforeAssertion;
                }

                if (command.RootHash != Head.User.Root)
                {
                    throw new InvalidDataException($"{file} line {command.LineNumber} asserts {command.RootHash}, the events give {Head.User.Root}.");
                }
            }
            else
            {
                throw new InvalidDataException($"{file}: {command.Problem}");
            }

            if (_items.Count + _entries.Count >= ChunkLines && Flush() is { } full)
            {
                yield return full;
            }
        }

        if (Flush() is { } last)
        {
            yield return last;
        }
    }

    private EventChunk? Flush()
    {
        if (_items.Count == 0 && _entries.Count == 0)
        {
            return null;
        }

        var events = new List<object>();
        var batches = new List<(EntriesAppended, BatchHashes)>();
        if (_items.Count > 0)
        {
            events.Add(new ItemsAdded([.. _items.DistinctBy(item => item.Hash).Select(item => Encoding.UTF8.GetString(item.Bytes))]));
        }

        foreach (var log in _entries.GroupBy(entry => entry.Log).OrderBy(group => group.Key))
        {
            var before = Head.Log(log.Key);
            var newKeys = log.Count(entry => _keys.Add((log.Key, entry.Entry.Key)));
            var batch = new EntriesAppended(log.Key, before.Size + 1, [.. log.Select(entry => entry.Entry)], before.Chain, before.Frontier, newKeys);
            var hashes = BatchHashes.Compute(batch, withTiles: false);
            Head = Head.Extend(batch, hashes);
            events.Add(batch);
            batches.Add((batch, hashes));
        }

        _items.Clear();
        _entries.Clear();
        return new EventChunk(events, batches);
    }
}
