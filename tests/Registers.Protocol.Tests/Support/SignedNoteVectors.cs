using System.Globalization;
using System.Text.RegularExpressions;

namespace Registers.Protocol.Tests.Support;

/// <summary>
/// Reads <c>signed-note-vectors.txt</c> from the shared test data, in place. The file is prose with
/// labelled lines (<c>vkey:</c>, <c>note text:</c>, <c>signature line (...):</c>) in numbered sections;
/// this turns it into the notes and keys the tests check, so no vector is copied into the repository.
/// </summary>
internal sealed partial class SignedNoteVectors
{
    private readonly Dictionary<int, List<string>> _sections = [];

    private SignedNoteVectors(string[] lines)
    {
        var section = 0;
        foreach (var line in lines)
        {
            var header = SectionHeader().Match(line);
            if (header.Success)
            {
                section = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
                _sections[section] = [];
            }
            else if (section > 0)
            {
                _sections[section].Add(line);
            }
        }
    }

    /// <summary>Loads the file, or skips the calling test when the shared test data is absent.</summary>
    public static SignedNoteVectors Load() => new(File.ReadAllLines(TestData.PathOf("signed-note-vectors.txt")));

    /// <summary>Section 1: the C2SP signed-note example.</summary>
    public NoteVector C2spExample => new(
        "C2SP signed-note example",
        NoteText(1) + "\n" + SignatureLines(1).Single().Line + "\n",
        [.. VerifierKeys(1)]);

    /// <summary>Section 2: the Go note_test signer key of PeterNeumann.</summary>
    public string GoSignerKey => Value(2, "skey:");

    /// <summary>Section 2: the Go note_test text.</summary>
    public string GoNoteText => NoteText(2);

    /// <summary>Section 2: PeterNeumann's and EnochRoot's verifier keys, in that order.</summary>
    public IReadOnlyList<string> GoVerifierKeys => [.. VerifierKeys(2)];

    /// <summary>Section 2: the signature lines, labelled (Peter) and (Enoch).</summary>
    public string GoSignatureLine(string who) => SignatureLines(2).Single(s => s.Label == who).Line;

    /// <summary>Every signed note in the file with the verifier keys that must verify it.</summary>
    public IEnumerable<NoteVector> AllNotes()
    {
        yield return C2spExample;
        var peter = GoSignatureLine("Peter");
        var enoch = GoSignatureLine("Enoch");
        yield return new("Go note_test, Peter", GoNoteText + "\n" + peter + "\n", [GoVerifierKeys[0]]);
        yield return new("Go note_test, Enoch", GoNoteText + "\n" + enoch + "\n", [GoVerifierKeys[1]]);
        yield return new("Go note_test, both", GoNoteText + "\n" + peter + "\n" + enoch + "\n", [.. GoVerifierKeys]);
        foreach (var (label, note) in SumDbNotes())
        {
            yield return new($"sum.golang.org {label}", note, [.. VerifierKeys(3)]);
        }
    }

    /// <summary>Section 3: the real sum.golang.org checkpoints, as (label, signed note).</summary>
    public IEnumerable<(string Label, string Note)> SumDbNotes()
    {
        var lines = _sections[3];
        for (var i = 0; i < lines.Count; i++)
        {
            var start = NoteStart().Match(lines[i]);
            if (start.Success)
            {
                var end = lines.FindIndex(i, line => line.StartsWith('\u2014'));
                yield return (start.Groups[1].Value, string.Concat(lines[(i + 1)..(end + 1)].Select(l => l + "\n")));
            }
        }
    }

    /// <summary>Section 4: FormatTree(N, RecordHash(data)) == expected.</summary>
    public (long Size, string Data, string Expected) FormatTree
    {
        get
        {
            var match = _sections[4].Select(l => FormatTreeLine().Match(l)).Single(m => m.Success);
            return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, Unescape(match.Groups[3].Value));
        }
    }

    /// <summary>Section 5: the cosignature/v1 signed message, each line ending in a newline.</summary>
    public string CosignatureMessage =>
        string.Concat(_sections[5].TakeWhile(l => !l.StartsWith('(')).Where(l => l.Length > 0).Select(l => l + "\n"));

    /// <summary>Section 5: the key name and the leading base64 of the spec's example cosignature line.</summary>
    public (string Name, string Base64Prefix) CosignatureExamplePrefix
    {
        get
        {
            var match = _sections[5].Select(l => CosignatureExample().Match(l)).Single(m => m.Success);
            return (match.Groups[1].Value, match.Groups[2].Value);
        }
    }

    private string NoteText(int section) => Unescape(Value(section, "note text:").Trim('"'));

    private IEnumerable<string> VerifierKeys(int section) =>
        _sections[section].Where(l => l.StartsWith("vkey:", StringComparison.Ordinal))
            .Select(l => l["vkey:".Length..].Trim().Split(' ')[0]);

    private IEnumerable<(string Label, string Line)> SignatureLines(int section) =>
        _sections[section].Select(l => SignatureLine().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    private string Value(int section, string label) =>
        _sections[section].Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();

    private static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex(@"^## (\d+)\.")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^signature line(?: \((\w+)\))?: (\u2014 .*)$")]
    private static partial Regex SignatureLine();

    [GeneratedRegex(@"^note (\w+) \(.*:$")]
    private static partial Regex NoteStart();

    [GeneratedRegex(@"^FormatTree\(N=(\d+), RecordHash\(""([^""]*)""\)\) == ""(.*)""$")]
    private static partial Regex FormatTreeLine();

    [GeneratedRegex(@"\u2014 (\S+) ([A-Za-z0-9+/]+)\.\.\.")]
    private static partial Regex CosignatureExample();
}

/// <summary>A signed note from the vectors file and the verifier keys that must verify it.</summary>
internal sealed record NoteVector(string Name, string Note, IReadOnlyList<string> VerifierKeys)
{
    public override string ToString() => Name;
}
