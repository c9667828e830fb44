using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Registers.Cli.Import;

/// <summary>
/// Finds the first byte of a file that is not UTF-8. A reader that turns such bytes into U+FFFD would have the register
/// keep "Caf� Street" for good: a spreadsheet saved as Latin-1 ("CSV" in Excel, not "CSV UTF-8") is refused instead.
/// </summary>
internal static class InvalidUtf8
{
    /// <summary>The problem of the first byte that does not start a well-formed UTF-8 sequence, by line and byte column; null when all are well formed.</summary>
    public static RowProblem? Find(ReadOnlySpan<byte> file)
    {
        if (Utf8.IsValid(file))
        {
            return null;
        }

        var at = 0;
        while (Rune.DecodeFromUtf8(file[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        var before = file[..at];
        var line = before.Count((byte)'\n') + 1;
        var column = at - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new RowProblem(line, null, "invalid UTF-8: save the file as UTF-8 (in Excel, \"CSV UTF-8\")") { Column = column };
    }
}
