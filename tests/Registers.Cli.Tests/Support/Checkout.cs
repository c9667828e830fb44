namespace Registers.Cli.Tests.Support;

/// <summary>The checkout the tests were built from: the folder holding <c>Registers.sln</c>, found above the test output.</summary>
internal static class Checkout
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the checkout: Registers.sln not found above them.");
    });

    /// <summary>A path in the checkout, from its parts relative to the top.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);
}
