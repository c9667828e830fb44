using Registers.Server.Database;
using Registers.Server.Tests.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>
/// A first start whose initdb fails says why in one line, initdb's last FATAL, not its whole transcript. Filling a disk
/// to make the real initdb fail is no test to run beside others: an initdb of the test's own prints what PostgreSQL 16's
/// printed on a full disk, and fails as it did.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // initdb of a shell script
public sealed class FailedInitdbTests
{
    private const string Reason = "could not write to file \"pg_wal/xlogtemp.4242\": No space left on device";

    [Fact]
    public async Task A_first_start_whose_initdb_fails_on_a_full_disk_names_its_last_FATAL_in_one_line()
    {
        var programs = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        var data = ServerExit.NewDataDirectory();
        try
        {
            WriteProgram(programs, "initdb", $$"""
                #!/bin/sh
                cat <<'END'
                The files belonging to this database system will be owned by user "postgres".
                This user must also own the server process.

                The database cluster will be initialized with locale "C".
                The default text search configuration will be set to "english".

                Data page checksums are disabled.

                creating directory {{data}}/postgres ... ok
                creating subdirectories ... ok
                selecting dynamic shared memory implementation ... posix
                selecting default max_connections ... 100
                selecting default shared_buffers ... 128MB
                selecting default time zone ... Etc/UTC
                creating configuration files ... ok
                running bootstrap script ... 
                END
                echo '2026-12-04 14:00:00.000 UTC [4242] FATAL:  {{Reason}}' >&2
                echo 'child process exited with exit code 1' >&2
                echo 'initdb: removing data directory "{{data}}/postgres"' >&2
                exit 1
                """);
            WriteProgram(programs, "pg_ctl", "#!/bin/sh\nexit 1\n");

            var outcome = await ServerExit.RunAsync(
                new Dictionary<string, string> { [PostgresBinaries.FolderVariable] = programs }, $"--Registers:DataDirectory={data}", "--urls=http://127.0.0.1:0");

            FailedStartTests.AssertOneLineFailure(outcome, "initdb", "FATAL: " + Reason, "Registers:DataDirectory");
            Assert.DoesNotContain("creating subdirectories", outcome.Error, StringComparison.Ordinal);
            Assert.Equal(1, outcome.Error.Split(data).Length - 1); // the folder is named once, not again by a message around it
        }
        finally
        {
            Directory.Delete(programs, recursive: true);
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static void WriteProgram(string folder, string name, string script)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
