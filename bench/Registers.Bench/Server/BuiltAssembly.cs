namespace Registers.Bench.Server;

/// <summary>
/// Where a project of the repository put its own build, in this harness's configuration (the project references build
/// it there): its folder holds its own dependency manifest and settings, which a copy beside the harness would not.
/// </summary>
internal static class BuiltAssembly
{
    public static string Of(string project, string assembly)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                return Path.Combine(folder.FullName, "src", project, "bin", Program.BuildKind, framework, assembly);
            }
        }

        throw new InvalidOperationException("The repository root (Registers.sln) was not found above the harness.");
    }
}
