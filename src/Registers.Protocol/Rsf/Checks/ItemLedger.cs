using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf.Spill;

namespace Registers.Protocol.Rsf.Checks;

/// <summary>
/// The item rules of a replay: an entry cites only items added before it (<see cref="RsfProblemKind.OrphanEntry"/>),
/// every item is cited by the end (<see cref="RsfProblemKind.OrphanItem"/>), and re-adding an item is a warning
/// (<see cref="RsfProblemKind.DuplicateItem"/>). Each item's hash and first line are kept in memory while the budget
/// allows, and problems are found as lines come. Past the budget, what is known so far and every later add and
/// citation go to disk, partitioned by item hash, and each partition is checked alone at the end, giving the same
/// problems with the same lines.
/// </summary>
internal sealed class ItemLedger : IDisposable, ISpilledRecords
{
    // What a Dictionary<Digest, long> holds per item at capacity: an entry (hash code, next, key, value) and a bucket.
    private const int EntryBytes = 4 + 4 + Digest.Length + 8 + 4;
    private const int RecordLength = 4 + 8 + Digest.Length;

    private readonly MemoryBudget _budget;
    private readonly SpillFolder _folder;

    // Each item: the line of its first add-item times two, plus one once an entry has cited it.
    private readonly Dictionary<Digest, long> _marks = [];
    private long _taken; // bytes of the budget the table holds
    private SpillPartitions? _spilled;
    private (Digest Hash, long Line)? _lastAdded; // after a spill, the add-item not yet written, in case a citation of it follows
    private long? _counted; // the distinct items, counted partition by partition after a spill

    public ItemLedger(MemoryBudget budget, SpillFolder folder)
    {
        _budget = budget;
        _folder = folder;
    }

    private enum Kind
    {
        Add, // an add-item
        Cite, // one hash of an append-entry; the order is its index in the entry's list
        AddCited, // an add-item whose item the next citation of all cites (RSF's usual pair of lines, in one record)
        Known, // an item added before the spill; the order is 1 if it has been cited
    }

    /// <summary>The distinct items added; after a spill, counted only by <see cref="Finish"/>.</summary>
    public long Items => _counted ?? _marks.Count;

    /// <summary>An add-item; returns the duplicate-item warning it raises now, if any.</summary>
    public RsfProblem? Add(in Digest hash, long line)
    {
        if (_spilled is null && !HasRoomFor(hash))
        {
            Spill();
        }

        if (_spilled is null)
        {
            return Added(hash, line);
        }

        WriteLastAdded();
        _lastAdded = (hash, line);
        return null;
    }

    /// <summary>The <paramref name="order"/>th item hash of an append-entry; returns the orphan-entry error it raises now, if any.</summary>
    public RsfProblem? Cite(in Digest hash, long line, int order)
    {
        if (_spilled is null)
        {
            return Cited(hash, line);
        }

        // A citation right after its item's add-item can raise nothing: one record says both.
        if (_lastAdded is var (added, addedOn) && added == hash)
        {
            _lastAdded = null;
            Write(Kind.AddCited, 0, addedOn, hash);
            return null;
        }

        WriteLastAdded();
        Write(Kind.Cite, order, line, hash);
        return null;
    }

    /// <summary>
    /// Gives <paramref name="late"/> every item no entry cited and, after a spill, the problems of the lines since;
    /// counts <see cref="Items"/>. Deletes the partitions as it goes.
    /// </summary>
    public void Finish(ILateProblems late)
    {
        if (_spilled is null)
        {
            ReportUncited(late);
            return;
        }

        WriteLastAdded();
        _counted = 0;
        // No partition is heavier than the table already is: the end needs no more memory than the lines did.
        _spilled.CheckEach(_taken, partition =>
        {
            _marks.Clear();
            while (partition.TryRead(out var record))
            {
                Replay(record, late);
            }

            _counted += _marks.Count;
            ReportUncited(late);
        });
        _spilled.Dispose();
        _spilled = null;
    }

    public void Dispose() => _spilled?.Dispose();

    ulong ISpilledRecords.Route(ReadOnlySpan<byte> record) => Route(Hash(record));

    long ISpilledRecords.Weight(ReadOnlySpan<byte> record) => Weight(Read(record, out _, out _));

    private static ulong Route(in Digest hash) => BinaryPrimitives.ReadUInt64LittleEndian(hash.Bytes[8..]);

    private static long Weight(Kind kind) => kind == Kind.Cite ? 0 : EntryBytes;

    private static Digest Hash(ReadOnlySpan<byte> record) => Digest.FromBytes(record[12..]);

    private static Kind Read(ReadOnlySpan<byte> record, out int order, out long line)
    {
        var head = BinaryPrimitives.ReadInt32LittleEndian(record);
        order = head >> 2;
        line = BinaryPrimitives.ReadInt64LittleEndian(record[4..]);
        return (Kind)(head & 3);
    }

    // Whether the table can take one more item, growing it within the budget if it must.
    private bool HasRoomFor(in Digest hash)
    {
        if (_marks.Count < _marks.Capacity || _marks.ContainsKey(hash))
        {
            return true;
        }

        // While the table grows, its old and new arrays are both alive: the budget must hold both.
        var wanted = Math.Max(2 * _marks.Capacity, 1024);
        if (!_budget.TryTake((long)wanted * EntryBytes))
        {
            return false;
        }

        var grown = (long)_marks.EnsureCapacity(wanted) * EntryBytes;
        _budget.Give(_taken + ((long)wanted * EntryBytes) - grown);
        _taken = grown;
        return true;
    }

    // Everything the table knows goes to disk as Known records, ahead of what comes later; the table is kept for the end.
    private void Spill()
    {
        _spilled = new SpillPartitions(_folder, "items", this);
        foreach (var (hash, mark) in _marks)
        {
            Write(Kind.Known, (int)(mark & 1), mark >> 1, hash);
        }

        _marks.Clear();
    }

    private void WriteLastAdded()
    {
        if (_lastAdded is var (hash, line))
        {
            _lastAdded = null;
            Write(Kind.Add, 0, line, hash);
        }
    }

    private void Write(Kind kind, int order, long line, in Digest hash)
    {
        Span<byte> record = stackalloc byte[RecordLength];
        BinaryPrimitives.WriteInt32LittleEndian(record, (order << 2) | (int)kind);
        BinaryPrimitives.WriteInt64LittleEndian(record[4..], line);
        hash.Bytes.CopyTo(record[12..]);
        _spilled!.Write(Route(hash), record, Weight(kind));
    }

    private RsfProblem? Added(in Digest hash, long line)
    {
        ref var mark = ref CollectionsMarshal.GetValueRefOrAddDefault(_marks, hash, out var seen);
        if (seen)
        {
            return ReplayProblems.DuplicateItem(line, hash, mark >> 1);
        }

        mark = line << 1;
        return null;
    }

    private RsfProblem? Cited(in Digest hash, long line)
    {
        ref var mark = ref CollectionsMarshal.GetValueRefOrNullRef(_marks, hash);
        if (Unsafe.IsNullRef(ref mark))
        {
            return ReplayProblems.OrphanEntry(line, hash);
        }

        mark |= 1;
        return null;
    }

    // One record of a partition, checked as the line it stands for was checked in memory.
    private void Replay(ReadOnlySpan<byte> record, ILateProblems late)
    {
        var kind = Read(record, out var order, out var line);
        var hash = Hash(record);
        switch (kind)
        {
            case Kind.Known:
                _marks[hash] = (line << 1) | (long)order;
                break;
            case Kind.Add or Kind.AddCited:
                if (Added(hash, line) is { } duplicate)
                {
                    late.Late(duplicate, order);
                }

                if (kind == Kind.AddCited)
                {
                    _ = Cited(hash, line); // just added: never an orphan
                }

                break;
            case Kind.Cite:
                if (Cited(hash, line) is { } orphan)
                {
                    late.Late(orphan, order);
                }

                break;
        }
    }

    private void ReportUncited(ILateProblems late)
    {
        foreach (var (hash, mark) in _marks)
        {
            if ((mark & 1) == 0)
            {
                late.Uncited(ReplayProblems.OrphanItem(mark >> 1, hash));
            }
        }
    }
}
