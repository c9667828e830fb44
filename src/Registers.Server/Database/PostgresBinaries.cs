namespace Registers.Server.Database;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) installed on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>Environment variable naming a folder that holds initdb and pg_ctl.</summary>
    public const string FolderVariable = "REGISTERS_PG_BIN";

    /// <summary>What to tell a person whose machine has no PostgreSQL server binaries.</summary>
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. On Debian or Ubuntu: " +
        "sudo apt-get install postgresql (or run scripts/demo.sh, which installs them). " +
        "Elsewhere, set " + FolderVariable + " to the folder that holds initdb, or configure " +
        "ConnectionStrings:Registers to use an existing database.";

    /// <summary>The folder holding initdb and pg_ctl, preferring the newest Debian-installed version.</summary>
    public static string? Find()
    {
        if (Configured() is { } configured)
        {
            return HasServerPrograms(configured) ? configured : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(debianRoot)
            .Select(version => (Major: int.TryParse(Path.GetFileName(version), out var major) ? major : 0, Bin: Path.Combine(version, "bin")))
            .Where(candidate => HasServerPrograms(candidate.Bin))
            .OrderByDescending(candidate => candidate.Major)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    /// <summary>
    /// Why <see cref="Find"/> found nothing: a folder named by <see cref="FolderVariable"/> is the one to correct (installing
    /// PostgreSQL would not help, as the installed binaries are never looked for then); else the <see cref="InstallHint"/>.
    /// </summary>
    public static string NotFound() => Configured() is { } configured
        ? $"{FolderVariable} is {configured}, which does not hold PostgreSQL's initdb and pg_ctl: set it to the folder that does " +
          "(on Debian, /usr/lib/postgresql/<version>/bin), unset it to use the installed ones, or configure ConnectionStrings:Registers to use an existing database."
        : InstallHint;

    private static string? Configured() => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : null;

    private static bool HasServerPrograms(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
