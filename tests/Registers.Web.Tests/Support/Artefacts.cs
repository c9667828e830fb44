namespace Registers.Web.Tests.Support;

/// <summary>Files the tests leave for people to look at: <c>artifacts/browser/</c> at the top of the checkout (ignored by git).</summary>
internal static class Artefacts
{
    /// <summary>Writes <paramref name="bytes"/> as <paramref name="name"/> and returns its path.</summary>
    public static string Save(string name, byte[] bytes)
    {
        var folder = Path.Combine(CheckoutRoot(), "artifacts", "browser");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string CheckoutRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the checkout: Registers.sln not found above them.");
    }
}
