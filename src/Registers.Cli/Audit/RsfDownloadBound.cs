using Registers.Client.Verification;
using Registers.Protocol.Entries;
using Registers.Protocol.Rsf;
using static System.FormattableString;

namespace Registers.Cli.Audit;

/// <summary>
/// The most the RSF of a range of a register can hold, checked as the download streams in (the server sends it without a
/// length): no more user entries than the range has, no more system entries than the log key signed it carries, no more
/// items than those entries can cite (an entry may cite several), no more lines than those and the two root hashes, and
/// no line longer than an RSF reader takes: so no more bytes than that many lines of that length. A server streaming more,
/// endlessly or not, broke its word, and <see cref="Take"/> says so before the bytes past the bound are written anywhere.
/// </summary>
internal sealed class RsfDownloadBound
{
    // As long as a line may be when an RSF reader reads it: the server loads RSF with the reader's default, so no item it
    // took is longer, and the replay of the copy reads with it too. One more for the \r of a line ended by \r\n.
    private const long LongestLine = RsfReaderOptions.DefaultMaxLineLength + 1L;

    // The server refuses an entry whose leaf could be longer than an entry bundle holds (leaf-too-long, never relaxed):
    // this many item hashes fit in the leaf of an entry with the shortest key. Each further hash adds as much as the second.
    private static readonly long MostItemsPerEntry = 1 + ((EntryLeaf.MaxBundledLength - EntryLeaf.GetLongestLength("", 1)) / HashInLeaf());

    private readonly long _from;
    private readonly VerifiedCheckpoint _to;
    private readonly long _userEntries;
    private readonly long _systemEntries;
    private readonly long _items;
    private readonly long _lines;
    private readonly byte[] _start = new byte[SystemEntry.Length]; // the longest of the starts told apart
    private int _startLength;
    private long _lineLength;
    private long _lineCount;
    private long _userCount;
    private long _systemCount;
    private long _itemCount;

    /// <summary>The bound of the RSF from user size <paramref name="from"/> to <paramref name="to"/>, carrying <paramref name="systemEntries"/> system entries.</summary>
    public RsfDownloadBound(long from, VerifiedCheckpoint to, long systemEntries)
    {
        _from = from;
        _to = to;
        _userEntries = to.Size - from;
        _systemEntries = systemEntries;
        _items = AtMostLargest(((Int128)_userEntries + _systemEntries) * MostItemsPerEntry);
        _lines = AtMostLargest((Int128)_userEntries + _systemEntries + _items + 2);
    }

    private static ReadOnlySpan<byte> UserEntry => "append-entry\tuser\t"u8;

    private static ReadOnlySpan<byte> SystemEntry => "append-entry\tsystem\t"u8;

    private static ReadOnlySpan<byte> AddItem => "add-item\t"u8;

    /// <summary>Takes the next bytes of the download.</summary>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.ContentsMismatch"/>: with them the download holds more than it can.</exception>
    public void Take(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            var kept = Math.Min(line.Length, _start.Length - _startLength);
            line[..kept].CopyTo(_start.AsSpan(_startLength));
            _startLength += kept;
            _lineLength += line.Length;
            if (_lineLength > LongestLine)
            {
                throw Over(Invariant($"a line longer than the {LongestLine - 1:N0} bytes an RSF reader takes (no item the server loads is longer)"),
                    Invariant($"lines of at most {LongestLine - 1:N0} bytes and a line end"), Invariant($"line {_lineCount + 1:N0} of more than {LongestLine:N0} bytes"));
            }

            if (end < 0)
            {
                return;
            }

            EndLine();
            bytes = bytes[(end + 1)..];
        }
    }

    private void EndLine()
    {
        var line = _start.AsSpan(0, _startLength);
        _lineCount++;
        if (line.StartsWith(UserEntry) && ++_userCount > _userEntries)
        {
            throw Over(Invariant($"more user entries than the {_userEntries:N0} of the range"), Counted.Of(_userEntries, "user entry", "user entries"), CountAtLine("user entry", _userCount));
        }

        if (line.StartsWith(SystemEntry) && ++_systemCount > _systemEntries)
        {
            throw Over(Invariant($"more system entries (metadata) than the {_systemEntries:N0} the log key signed the range carries"), Counted.Of(_systemEntries, "system entry", "system entries"), CountAtLine("system entry", _systemCount));
        }

        if (line.StartsWith(AddItem) && ++_itemCount > _items)
        {
            throw Over(Invariant($"more items than the {_items:N0} its entries can cite ({MostItemsPerEntry:N0} at most each)"), $"at most {Counted.Of(_items, "item")}", CountAtLine("item", _itemCount));
        }

        if (_lineCount > _lines)
        {
            throw Over(Invariant($"more lines than the {_lines:N0} of its entries, the items they can cite and two root hashes"), $"at most {Counted.Of(_lines, "line")}", CountAtLine("line", _lineCount));
        }

        _startLength = 0;
        _lineLength = 0;
    }

    // The log key may sign any size a checkpoint can name: past the largest number, the bound stays there rather than wrap
    // round to a negative one that refuses the first line. (Every term is at least 0, so only a sum too large overflows.)
    private static long AtMostLargest(Int128 bound) => bound > long.MaxValue ? long.MaxValue : (long)bound;

    private static long HashInLeaf() => EntryLeaf.GetLongestLength("", 2) - EntryLeaf.GetLongestLength("", 1);

    private string CountAtLine(string what, long count) => Invariant($"{what} {count:N0} at line {_lineCount:N0}");

    private VerificationException Over(string detail, string expected, string actual) =>
        new(VerificationProblem.ContentsMismatch, _to.Register,
            Invariant($"The server's RSF from user size {_from} to {_to.Size} holds more than it can: {detail}. The download was stopped there and none of it kept."),
            expected, actual)
        {
            TrustedCheckpoint = _to.SignedNote,
        };
}
