namespace Registers.Server.Tests.Support;

/// <summary>
/// The live processes working on a folder (Linux): those naming it on their command line (initdb, a postmaster, runuser)
/// and those whose working folder lies inside it (a postmaster's children, which rename themselves but stay in the data folder).
/// </summary>
public static class FolderProcesses
{
    /// <summary>"pid command" for each live process working on <paramref name="folder"/>; zombies, which run nothing, are left out.</summary>
    public static IReadOnlyList<string> Find(string folder)
    {
        folder = Path.GetFullPath(folder);
        var found = new List<string>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var command = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ').Trim();
                if (command.Length == 0) // a zombie, or a kernel thread
                {
                    continue;
                }

                if (command.Contains(folder, StringComparison.Ordinal) || WorksIn(entry, folder))
                {
                    found.Add($"{pid} {command}");
                }
            }
            catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to see.
            }
        }

        return found;
    }

    private static bool WorksIn(string process, string folder)
    {
        var workingFolder = new DirectoryInfo(Path.Combine(process, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "";
        return (workingFolder + "/").StartsWith(folder + "/", StringComparison.Ordinal);
    }
}
