namespace Registers.Protocol.Tests.Support;

/// <summary>
/// The 52 public GOV.UK RSF files in the test data: the 51 registers archived in March 2021 and the openregister-java
/// country fixture, named by their path below <c>govuk/</c>. Shared with the CLI tests.
/// </summary>
internal static class GovukFiles
{
    /// <summary>The country fixture, which asserts no root itself (the specification's examples give its roots).</summary>
    public const string CountryFixture = "orj/country-data.rsf";

    /// <summary>Every file, for theory data; one placeholder row (which skips) when the test data is absent.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        if (!TestData.IsPresent)
        {
            data.Add("archive-2021/(test data absent)");
            return data;
        }

        foreach (var dir in Directory.GetDirectories(TestData.PathOf("govuk", "archive-2021")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            data.Add($"archive-2021/{name}/{name}.rsf");
        }

        data.Add(CountryFixture);
        return data;
    }

    /// <summary>The register a file is for: its folder name, or "country" for the fixture.</summary>
    public static string RegisterOf(string file) => file == CountryFixture ? "country" : file.Split('/')[1];

    /// <summary>The full path of a file; skips the test when it is not there.</summary>
    public static string PathOf(string file)
    {
        var path = TestData.PathOf(["govuk", .. file.Split('/')]);
        return File.Exists(path) ? path : throw Xunit.Sdk.SkipException.ForSkip($"RSF file {path} not found.");
    }

    /// <summary>The last root a file asserts (null for the fixture, which asserts none).</summary>
    public static string? LastAssertedRoot(string file) =>
        File.ReadLines(PathOf(file)).LastOrDefault(line => line.StartsWith("assert-root-hash\t", StringComparison.Ordinal))?["assert-root-hash\t".Length..];
}
