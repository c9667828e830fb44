using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf.Spill;

namespace Registers.Protocol.Rsf.Checks;

/// <summary>
/// The repeat rule of one log (<see cref="RsfProblemKind.RepeatedEntry"/>, a warning): an entry that gives its key the
/// item(s) it already has. Each key's latest items are kept in memory while the budget allows, and repeats are found as
/// entries come. Past the budget, the latest items known so far and every later entry go to disk, partitioned by key,
/// and each partition is checked alone at the end, giving the same warnings with the same lines.
/// </summary>
internal sealed class KeyLedger : IDisposable, ISpilledRecords
{
    private const int HeaderLength = 4 + 8 + 4; // kind and hash count, line, key length
    private const int StackLimit = 1024;

    private readonly EntryLog _log;
    private readonly MemoryBudget _budget;
    private readonly SpillFolder _folder;
    private readonly KeyTable _table = new();
    private long _taken; // bytes of the budget the table holds
    private SpillPartitions? _spilled;

    public KeyLedger(EntryLog log, MemoryBudget budget, SpillFolder folder)
    {
        _log = log;
        _budget = budget;
        _folder = folder;
    }

    private enum Kind
    {
        Append, // an append-entry
        Known, // a key's latest items at the time of the spill
    }

    /// <summary>An append-entry of this log; returns the repeated-entry warning it raises now, if any.</summary>
    public RsfProblem? Append(ReadOnlySpan<char> key, ReadOnlySpan<Digest> hashes, long line)
    {
        if (_spilled is null && !HasRoomFor(key))
        {
            Spill();
        }

        if (_spilled is not null)
        {
            Write(Kind.Append, line, key, hashes);
            return null;
        }

        var repeat = Appended(key, hashes, line);
        Settle();
        return repeat;
    }

    /// <summary>After a spill, gives <paramref name="late"/> the repeats of the lines since; deletes the partitions as it goes.</summary>
    public void Finish(ILateProblems late)
    {
        if (_spilled is null)
        {
            return;
        }

        // No partition is heavier than the table already is: the end needs no more memory than the lines did.
        _spilled.CheckEach(_taken, partition =>
        {
            _table.Clear();
            while (partition.TryRead(out var record))
            {
                Replay(record, late);
            }
        });
        _spilled.Dispose();
        _spilled = null;
    }

    public void Dispose() => _spilled?.Dispose();

    ulong ISpilledRecords.Route(ReadOnlySpan<byte> record) => Route(Key(record));

    long ISpilledRecords.Weight(ReadOnlySpan<byte> record) => KeyTable.BytesFor(Key(record).Length, Hashes(record).Length);

    // FNV-1a over the characters, then the splitmix64 finish, so that the low bits (which pick a partition) depend on every character.
    private static ulong Route(ReadOnlySpan<char> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9UL;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }

    private static Kind Read(ReadOnlySpan<byte> record, out long line)
    {
        line = BinaryPrimitives.ReadInt64LittleEndian(record[4..]);
        return (Kind)(BinaryPrimitives.ReadInt32LittleEndian(record) & 1);
    }

    private static ReadOnlySpan<Digest> Hashes(ReadOnlySpan<byte> record)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(record) >> 1;
        return MemoryMarshal.Cast<byte, Digest>(record.Slice(HeaderLength, count * Digest.Length));
    }

    private static ReadOnlySpan<char> Key(ReadOnlySpan<byte> record)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(record) >> 1;
        var length = BinaryPrimitives.ReadInt32LittleEndian(record[12..]);
        return MemoryMarshal.Cast<byte, char>(record.Slice(HeaderLength + (count * Digest.Length), 2 * length));
    }

    // Whether the table can take the key, growing it within the budget if it must.
    private bool HasRoomFor(ReadOnlySpan<char> key)
    {
        if (_table.HasRoom(key.Length) || _table.Contains(key))
        {
            return true;
        }

        // While the table grows, its old and new arrays are both alive: the budget must hold both.
        var grown = _table.BytesAfterGrowing(key.Length);
        if (!_budget.TryTake(grown))
        {
            return false;
        }

        _table.Grow(key.Length);
        _budget.Give(_taken);
        _taken = grown;
        return true;
    }

    // The budget follows what the table holds: lists of several hashes come and go, and a table grown before taking its share.
    private void Settle()
    {
        var bytes = _table.Bytes;
        if (bytes != _taken)
        {
            _budget.Take(bytes - _taken);
            _taken = bytes;
        }
    }

    private RsfProblem? Appended(ReadOnlySpan<char> key, ReadOnlySpan<Digest> hashes, long line) =>
        _table.Set(key, hashes) ? ReplayProblems.RepeatedEntry(line, _log, key, hashes[0]) : null;

    // Every key's latest items go to disk as Known records, ahead of what comes later; the table is kept for the end.
    private void Spill()
    {
        _spilled = new SpillPartitions(_folder, $"{_log.ToWireName()}-keys", this);
        _table.ForEach((key, hashes) => Write(Kind.Known, 0, key, hashes));
        _table.Clear();
    }

    private void Write(Kind kind, long line, ReadOnlySpan<char> key, ReadOnlySpan<Digest> hashes)
    {
        var length = HeaderLength + (hashes.Length * Digest.Length) + (2 * key.Length);
        byte[]? rented = length <= StackLimit ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        var record = buffer[..length];
        BinaryPrimitives.WriteInt32LittleEndian(record, (hashes.Length << 1) | (int)kind);
        BinaryPrimitives.WriteInt64LittleEndian(record[4..], line);
        BinaryPrimitives.WriteInt32LittleEndian(record[12..], key.Length);
        MemoryMarshal.AsBytes(hashes).CopyTo(record[HeaderLength..]);
        MemoryMarshal.AsBytes(key).CopyTo(record[(HeaderLength + (hashes.Length * Digest.Length))..]);
        _spilled!.Write(Route(key), record, KeyTable.BytesFor(key.Length, hashes.Length));
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // One record of a partition, checked as the entry it stands for was checked in memory.
    private void Replay(ReadOnlySpan<byte> record, ILateProblems late)
    {
        var kind = Read(record, out var line);
        var key = Key(record);
        var hashes = Hashes(record);
        if (kind == Kind.Known)
        {
            _table.Set(key, hashes);
        }
        else if (Appended(key, hashes, line) is { } repeat)
        {
            late.Late(repeat, hashes.Length);
        }
    }
}
