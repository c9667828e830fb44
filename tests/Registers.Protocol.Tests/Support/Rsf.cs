using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Support;

/// <summary>One RSF line split on tabs, with its fields kept as the raw bytes of the file.</summary>
internal sealed record RsfLine(int LineNumber, string Command, byte[][] Arguments)
{
    public string Text(int index) => System.Text.Encoding.UTF8.GetString(Arguments[index]);
}

/// <summary>
/// A deliberately simple RSF line splitter for tests (the real RSF reader lives elsewhere): one command
/// a line, tab-separated, bytes untouched, so that add-item JSON is hashed exactly as the file holds it.
/// </summary>
internal static class Rsf
{
    /// <summary>The 52 public GOV.UK RSF files: the 51 archive registers and the openregister-java country fixture.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepositoryRoot(), "..", "shared", "testdata", "govuk");
        var archive = Path.Combine(root, "archive-2021");
        if (!Directory.Exists(archive))
        {
            data.Add("archive-2021/(test data absent)");
            return data;
        }

        foreach (var dir in Directory.GetDirectories(archive).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            data.Add($"archive-2021/{name}/{name}.rsf");
        }

        data.Add("orj/country-data.rsf");
        return data;
    }

    /// <summary>The register a file is for: its folder name, or "country" for the fixture.</summary>
    public static string RegisterOf(string file) => file.StartsWith("orj/", StringComparison.Ordinal) ? "country" : file.Split('/')[1];

    public static IReadOnlyList<RsfLine> Read(string file)
    {
        var path = TestData.PathOf(["govuk", .. file.Split('/')]);
        if (!File.Exists(path))
        {
            throw Xunit.Sdk.SkipException.ForSkip($"RSF file {path} not found.");
        }

        var bytes = File.ReadAllBytes(path);
        var lines = new List<RsfLine>();
        var lineNumber = 0;
        foreach (var range in bytes.AsSpan().Split((byte)'\n'))
        {
            lineNumber++;
            var line = bytes.AsSpan(range);
            if (line.IsEmpty)
            {
                continue;
            }

            var parts = new List<byte[]>();
            foreach (var part in line.Split((byte)'\t'))
            {
                parts.Add(line[part].ToArray());
            }

            lines.Add(new RsfLine(lineNumber, System.Text.Encoding.ASCII.GetString(parts[0]), [.. parts.Skip(1)]));
        }

        return lines;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Registers.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}

/// <summary>The RFC 6962 tree hash by its recursive definition, for tests only (the real tree lives elsewhere).</summary>
internal static class NaiveMerkle
{
    public static Digest Root(IReadOnlyList<Digest> leaves) =>
        leaves.Count == 0 ? MerkleHash.EmptyRoot : Root(leaves, 0, leaves.Count);

    private static Digest Root(IReadOnlyList<Digest> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }

        return MerkleHash.Node(Root(leaves, start, split), Root(leaves, start + split, count - split));
    }
}
