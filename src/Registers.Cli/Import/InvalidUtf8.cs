using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Registers.Cli.Import;

/// <summary>
/// Finds the first byte of a file that is not UTF-8, given the file a piece at a time. A reader that turns such bytes into
/// U+FFFD would have the register keep "Caf� Street" for good: a spreadsheet saved as Latin-1 ("CSV" in Excel, not "CSV
/// UTF-8") is refused instead.
/// </summary>
internal sealed class InvalidUtf8
{
    /// <summary>The line of the next byte, 1-based.</summary>
    private long _line = 1;

    /// <summary>The bytes of that line before the next byte.</summary>
    private long _column;

    /// <summary>The problem of the first byte that does not start a well-formed UTF-8 sequence, by line and byte column; null while all are well formed.</summary>
    public RowProblem? Problem { get; private set; }

    /// <summary>The problem of the first bad byte of a whole file, or null.</summary>
    public static RowProblem? Find(ReadOnlySpan<byte> file)
    {
        var check = new InvalidUtf8();
        check.Check(file, final: true);
        return check.Problem;
    }

    /// <summary>
    /// Checks the next bytes of the file, and says how many it took: all of them, but for a sequence cut off at their end
    /// (unless <paramref name="final"/>), which is to be given again with the bytes after it.
    /// </summary>
    public int Check(ReadOnlySpan<byte> bytes, bool final)
    {
        if (Problem is not null)
        {
            return bytes.Length;
        }

        var whole = final ? bytes.Length : bytes.Length - CutOff(bytes);
        var piece = bytes[..whole];
        if (!Utf8.IsValid(piece))
        {
            var at = 0;
            while (Rune.DecodeFromUtf8(piece[at..], out _, out var consumed) == OperationStatus.Done)
            {
                at += consumed;
            }

            piece = piece[..at];
            Advance(piece);
            Problem = new RowProblem(_line, null, "invalid UTF-8: save the file as UTF-8 (in Excel, \"CSV UTF-8\")") { Column = _column + 1 };
            return bytes.Length;
        }

        Advance(piece);
        return whole;
    }

    private void Advance(ReadOnlySpan<byte> piece)
    {
        var lines = piece.Count((byte)'\n');
        _line += lines;
        _column = lines == 0 ? _column + piece.Length : piece.Length - (piece.LastIndexOf((byte)'\n') + 1);
    }

    /// <summary>The bytes at the end that begin a sequence they do not finish.</summary>
    private static int CutOff(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: its lead is further back
            }

            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }

        return 0;
    }
}
