using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;

namespace Registers.Server.Writes;

/// <summary>What a load does next, in the order the RSF says it.</summary>
internal abstract record RsfSegment
{
    private RsfSegment()
    {
    }

    /// <summary>Items and entries to decide and append together.</summary>
    /// <param name="Items">The items the chunk adds.</param>
    /// <param name="Entries">The chunk's entries.</param>
    /// <param name="CitedBeforeAdded">
    /// Items the chunk adds after one of its entries cited them, by the line of their first add in the chunk: that entry
    /// stands only if the register held the item before the chunk.
    /// </param>
    public sealed record Chunk(IReadOnlyList<Item> Items, IReadOnlyList<ProposedEntry> Entries, IReadOnlyDictionary<Digest, long> CitedBeforeAdded) : RsfSegment;

    /// <summary>An <c>assert-root-hash</c>: everything before it has been chunked.</summary>
    public sealed record Assertion(Digest Root, long Line) : RsfSegment;

    /// <summary>A line that is not good RSF, or an item no entry cites.</summary>
    public sealed record Problem(EntryProblem Found) : RsfSegment;
}

/// <summary>
/// Cuts an RSF stream into segments: parsing, canonical-JSON checks and item hashing, with no database.
/// A load runs this ahead of its appends (see <see cref="RsfLoader"/>), so the two overlap.
/// </summary>
internal static class RsfChunks
{
    /// <summary>Items and entries a chunk holds; big enough to amortise each chunk's round trips and statements, small enough to hold a few.</summary>
    public const int ChunkSize = 8_000;

    /// <summary>
    /// The item bytes after which a chunk ends, however few its lines: large items make few lines, and a chunk is held
    /// in memory, and its items become one event, which PostgreSQL cannot store past 256 MB.
    /// </summary>
    public const long ChunkBytes = 16 * 1024 * 1024;

    /// <summary>The segments of <paramref name="body"/>, ending with one problem per item that no entry cites.</summary>
    public static async IAsyncEnumerable<RsfSegment> ReadAsync(PipeReader body, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var chunk = new ChunkBuilder();
        var unreferenced = new Dictionary<Digest, long>(); // hash -> line
        using var reader = new RsfReader(body);
        while (await reader.ReadAsync(cancellation))
        {
            var command = reader.Current;
            switch (command.Kind)
            {
                case RsfCommandKind.AddItem:
                    var item = Item.Create(command.ItemJson.Span);
                    chunk.Add(item, command.LineNumber);
                    unreferenced.TryAdd(item.Hash, command.LineNumber);
                    break;
                case RsfCommandKind.AppendEntry:
                    var hashes = command.ItemHashes.ToArray();
                    foreach (var hash in hashes)
                    {
                        unreferenced.Remove(hash);
                    }

                    chunk.Add(new ProposedEntry(command.Log, command.Key.ToString(), command.Timestamp, hashes, command.LineNumber));
                    break;
                case RsfCommandKind.AssertRootHash:
                    if (!chunk.IsEmpty)
                    {
                        yield return chunk.Take();
                    }

                    yield return new RsfSegment.Assertion(command.RootHash, command.LineNumber);
                    break;
                default:
                    // The lines before it are decided first, so that a rule they break is reported beside it, in order.
                    if (!chunk.IsEmpty)
                    {
                        yield return chunk.Take();
                    }

                    var problem = command.Problem!;
                    yield return new RsfSegment.Problem(new EntryProblem(null, problem.Line, "", "rsf-syntax", problem.Message, Column: problem.Column > 0 ? problem.Column : null));
                    break;
            }

            if (chunk.IsFull)
            {
                yield return chunk.Take();
            }
        }

        if (!chunk.IsEmpty)
        {
            yield return chunk.Take();
        }

        foreach (var (hash, line) in unreferenced.OrderBy(pair => pair.Value))
        {
            yield return new RsfSegment.Problem(new EntryProblem(null, line, "", "orphan-item", $"item {hash} is added but no entry cites it"));
        }
    }

    /// <summary>The chunk being read, and which of its items its entries cite before it adds them.</summary>
    private sealed class ChunkBuilder
    {
        private List<Item> _items = [];
        private List<ProposedEntry> _entries = [];
        private long _itemBytes;
        private HashSet<Digest> _added = [];
        private HashSet<Digest> _citedUnadded = [];
        private Dictionary<Digest, long> _citedBeforeAdded = [];

        public bool IsEmpty => _items.Count + _entries.Count == 0;

        public bool IsFull => _items.Count + _entries.Count >= ChunkSize || _itemBytes >= ChunkBytes;

        public void Add(Item item, long line)
        {
            _items.Add(item);
            _itemBytes += item.Bytes.Length;
            if (_added.Add(item.Hash) && _citedUnadded.Contains(item.Hash))
            {
                _citedBeforeAdded[item.Hash] = line;
            }
        }

        public void Add(ProposedEntry entry)
        {
            _entries.Add(entry);
            foreach (var hash in entry.ItemHashes)
            {
                if (!_added.Contains(hash))
                {
                    _citedUnadded.Add(hash);
                }
            }
        }

        public RsfSegment.Chunk Take()
        {
            var chunk = new RsfSegment.Chunk(_items, _entries, _citedBeforeAdded);
            (_items, _entries, _itemBytes, _added, _citedUnadded, _citedBeforeAdded) = ([], [], 0, [], [], []);
            return chunk;
        }
    }
}
