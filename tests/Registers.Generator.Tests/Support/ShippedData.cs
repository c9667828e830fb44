using System.Text.RegularExpressions;

namespace Registers.Generator.Tests.Support;

/// <summary>The <c>registers-data</c> folder of this checkout: the registers the project ships and the roots their READMEs state.</summary>
internal static partial class ShippedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                return Path.Combine(folder.FullName, "registers-data");
            }
        }

        throw new InvalidOperationException("The tests run outside the checkout: registers-data not found.");
    });

    /// <summary>The folder.</summary>
    public static string Directory => Root.Value;

    /// <summary>The registers shipped: the folders that hold <c>&lt;name&gt;/&lt;name&gt;.rsf</c>.</summary>
    public static IReadOnlyList<string> Registers =>
        [.. System.IO.Directory.EnumerateDirectories(Directory).Select(Path.GetFileName).OfType<string>().Where(name => File.Exists(RsfOf(name))).Order(StringComparer.Ordinal)];

    /// <summary>The committed RSF of <paramref name="register"/>.</summary>
    public static string RsfOf(string register) => Path.Combine(Directory, register, register + ".rsf");

    /// <summary>The root hash the register's own README states, on its line "Root hash after loading: `sha-256:...`".</summary>
    public static string ReadmeRoot(string register) => RootIn(File.ReadAllText(Path.Combine(Directory, register, "README.md")), "Root hash after loading: `")
        ?? throw new InvalidOperationException($"registers-data/{register}/README.md has no line 'Root hash after loading: `sha-256:...`'.");

    /// <summary>The root hash the table in <c>registers-data/README.md</c> gives <paramref name="register"/>, on the row that starts <c>| `register` |</c>.</summary>
    public static string? TableRoot(string register) =>
        File.ReadLines(Path.Combine(Directory, "README.md")).Where(line => line.StartsWith($"| `{register}` |", StringComparison.Ordinal)).Select(line => RootIn(line, "")).FirstOrDefault();

    private static string? RootIn(string text, string prefix)
    {
        var match = Regex.Match(text, Regex.Escape(prefix) + "(sha-256:[0-9a-f]{64})");
        return match.Success ? match.Groups[1].Value : null;
    }
}
