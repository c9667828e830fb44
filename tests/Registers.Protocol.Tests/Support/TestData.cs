namespace Registers.Protocol.Tests.Support;

/// <summary>
/// The public test vectors kept beside the repository at <c>../shared/testdata</c>. They are read
/// in place, never copied; a test that needs them skips with a clear message where they are absent.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The test-data folder, or a skip of the calling test when it is not there.</summary>
    public static string Folder =>
        Root.Value ?? throw Xunit.Sdk.SkipException.ForSkip(
            "Public test vectors not found: expected ../shared/testdata beside the repository root.");

    /// <summary>Whether the test-data folder is there (for building theory data, where a skip cannot be thrown).</summary>
    public static bool IsPresent => Root.Value is not null;

    /// <summary>A path inside the test-data folder (skips the test when the folder is absent).</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Registers.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
