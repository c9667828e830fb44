namespace Registers.Web.Tests.Support;

/// <summary>
/// Finds the system's Chromium (Debian's <c>chromium</c> package), which the browser tests drive. Missing, it is a
/// failure that says how to install it, never a skip: <c>scripts/test.sh</c> installs it first.
/// </summary>
internal static class Chromium
{
    /// <summary>An environment variable that names the browser to use instead.</summary>
    public const string Variable = "REGISTERS_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The browser's executable.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
        {
            return File.Exists(named) ? named : throw new InvalidOperationException($"{Variable} names '{named}', which does not exist.");
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(name => path.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The browser tests need Chromium, and none was found on PATH. Run scripts/ensure-chromium.sh (it installs Debian's " +
                $"chromium package), or set {Variable} to a Chromium executable.");
    }
}
