using Registers.Cli.Tests.Support;

namespace Registers.Web.Tests.Support;

/// <summary>Files the tests leave for people to look at: <c>artifacts/browser/</c> at the top of the checkout (ignored by git).</summary>
internal static class Artefacts
{
    /// <summary>Writes <paramref name="bytes"/> as <paramref name="name"/> and returns its path.</summary>
    public static string Save(string name, byte[] bytes)
    {
        var folder = Directory.CreateDirectory(Checkout.PathOf("artifacts", "browser")).FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
