using System.Runtime.CompilerServices;

namespace Registers.Server.Tests.Support;

/// <summary>
/// Golden files: an answer's exact bytes, kept under <c>Goldens/</c> beside the tests. A difference fails the test and
/// says which file; with <c>REGISTERS_UPDATE_GOLDENS=1</c> the files are rewritten instead (then read the diff).
/// </summary>
public static class Golden
{
    private const string UpdateVariable = "REGISTERS_UPDATE_GOLDENS";

    /// <summary>Checks <paramref name="actual"/> against the golden file <paramref name="name"/>.</summary>
    public static void Matches(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(ProjectFolder(caller), "Goldens", name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run with {UpdateVariable}=1 to write it.");
        var expected = File.ReadAllText(path);
        Assert.True(expected == actual, $"The answer differs from golden file {name} (rewrite with {UpdateVariable}=1 if it should).\nexpected: {expected}\nactual:   {actual}");
    }

    /// <summary>Fetches <paramref name="path"/> and checks its body against the golden file <paramref name="name"/>.</summary>
    public static async Task MatchesAsync(HttpClient client, string path, string name, [CallerFilePath] string caller = "")
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Matches(name, await response.Content.ReadAsStringAsync(), caller);
    }

    private static string ProjectFolder(string caller)
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(caller)!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.Server.Tests.csproj")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No test project above {caller}.");
    }
}
