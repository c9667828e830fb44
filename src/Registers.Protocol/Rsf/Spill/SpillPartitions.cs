using System.Numerics;

namespace Registers.Protocol.Rsf.Spill;

/// <summary>How a check reads back the records it spilled: each record's route and the memory it may need once loaded.</summary>
internal interface ISpilledRecords
{
    ulong Route(ReadOnlySpan<byte> record);

    long Weight(ReadOnlySpan<byte> record);
}

/// <summary>
/// Records of one check spread over <see cref="FanOut"/> files by the low bits of a 64-bit route (a hash of what the
/// check is about), so that all the records about one item, or one key, are in one file in the order written, and each
/// file can be checked alone. <see cref="CheckEach"/> splits a file too heavy for the memory at hand by the route's next
/// bits into as few parts as should fit, as often as needed, so the memory one file needs stays bounded however large
/// the input.
/// </summary>
internal sealed class SpillPartitions : IDisposable
{
    public const int FanOut = 1 << BitsPerLevel;

    private const int BitsPerLevel = 5;
    private const long SmallEnough = 64 * 1024; // a partition this light is never split, however small the budget

    private readonly SpillFolder _folder;
    private readonly string _name;
    private readonly ISpilledRecords _records;
    private readonly List<SpillFile> _open = [];
    private readonly SpillFile[] _files;
    private int _made;

    public SpillPartitions(SpillFolder folder, string name, ISpilledRecords records)
    {
        _folder = folder;
        _name = name;
        _records = records;
        _files = Create(FanOut);
    }

    public void Write(ulong route, ReadOnlySpan<byte> record, long weight) =>
        _files[(int)(route & (FanOut - 1))].Append(route, record, weight);

    /// <summary>
    /// Ends the writing and hands each partition to <paramref name="check"/>, one at a time, splitting first those heavier
    /// than <paramref name="memory"/> (but not those under 64 KiB). Every partition is deleted once checked.
    /// </summary>
    public void CheckEach(long memory, Action<SpillReader> check)
    {
        memory = Math.Max(memory, SmallEnough);
        foreach (var file in _files)
        {
            file.EndWriting();
        }

        foreach (var file in _files)
        {
            Check(file, BitsPerLevel, memory, check);
        }
    }

    public void Dispose()
    {
        foreach (var file in _open)
        {
            file.Dispose();
        }

        _open.Clear();
    }

    // shift: the route bits already used to choose the file.
    private void Check(SpillFile file, int shift, long memory, Action<SpillReader> check)
    {
        if (file.Weight > memory && file.Mixed && shift < 64)
        {
            var parts = (ulong)((file.Weight + memory - 1) / memory);
            var bits = Math.Min(Math.Min(BitsPerLevel, 64 - BitOperations.LeadingZeroCount(parts - 1)), 64 - shift);
            foreach (var part in Split(file, shift, bits))
            {
                Check(part, shift + bits, memory, check);
            }

            return;
        }

        using var reader = file.Read();
        check(reader);
    }

    private SpillFile[] Split(SpillFile file, int shift, int bits)
    {
        var parts = Create(1 << bits);
        using (var reader = file.Read())
        {
            while (reader.TryRead(out var record))
            {
                var route = _records.Route(record);
                parts[(int)((route >> shift) & (ulong)(parts.Length - 1))].Append(route, record, _records.Weight(record));
            }
        }

        return parts;
    }

    private SpillFile[] Create(int count)
    {
        var files = new SpillFile[count];
        for (var i = 0; i < count; i++)
        {
            files[i] = new SpillFile(_folder, $"{_name}-{_made++}");
            _open.Add(files[i]);
        }

        return files;
    }
}
