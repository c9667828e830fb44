using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf;

namespace Registers.Protocol.Tests.Support;

/// <summary>A command read by <see cref="RsfReader"/>, copied out of the reader's buffers so a test can keep it.</summary>
internal sealed record RsfLine(
    long Line, RsfCommandKind Kind, byte[] ItemJson, EntryLog Log, string Key, EntryTimestamp Timestamp, Digest[] ItemHashes, Digest RootHash, RsfProblem? Problem)
{
    public static RsfLine From(in RsfCommand c) =>
        new(c.LineNumber, c.Kind, c.ItemJson.ToArray(), c.Log, c.Key.ToString(), c.Timestamp, c.ItemHashes.ToArray(), c.RootHash, c.Problem);
}

internal static class RsfLines
{
    /// <summary>Every line of a GOV.UK file (see <see cref="GovukFiles"/>), each asserted to be well formed.</summary>
    public static IReadOnlyList<RsfLine> ReadGovuk(string file)
    {
        var lines = Read(File.ReadAllBytes(GovukFiles.PathOf(file)));
        Assert.All(lines, line => Assert.True(line.Problem is null, $"{file}: {line.Problem}"));
        return lines;
    }

    /// <summary>Every line of <paramref name="rsf"/>, malformed ones included.</summary>
    public static IReadOnlyList<RsfLine> Read(byte[] rsf, RsfReaderOptions? options = null)
    {
        using var reader = new RsfReader(new MemoryStream(rsf), options);
        var lines = new List<RsfLine>();
        while (reader.Read())
        {
            lines.Add(RsfLine.From(reader.Current));
        }

        return lines;
    }
}
