using Registers.Server.Database;

namespace Registers.Server.Tests.Database;

/// <summary>The last FATAL or PANIC message of what PostgreSQL printed, as a failed start and a failed initdb report it.</summary>
public sealed class PostgresFatalTests
{
    public static TheoryData<string[], string?> Printed => new()
    {
        // A server's log: an earlier FATAL, then this start's, with its DETAIL and HINT; the line after them is not its.
        {
            [
                "2026-12-04 14:00:00.000 UTC [41] FATAL:  the earlier one",
                "2026-12-04 14:00:01.000 UTC [42] LOG:  starting PostgreSQL",
                "2026-12-04 14:00:01.100 UTC [42] FATAL:  database files are incompatible with server",
                "2026-12-04 14:00:01.100 UTC [42] DETAIL:  The data directory was initialized by PostgreSQL version 9,  which is not compatible.",
                "2026-12-04 14:00:01.100 UTC [42] HINT:  Use another data directory.",
                "2026-12-04 14:00:01.200 UTC [42] LOG:  database system is shut down",
            ],
            "FATAL: database files are incompatible with server DETAIL: The data directory was initialized by PostgreSQL version 9, which is not compatible. HINT: Use another data directory."
        },
        // initdb's output: its bootstrap backend's PANIC, among steps done.
        {
            ["running bootstrap script ... ", "2026-12-04 14:00:00.000 UTC [4242] PANIC:  could not write to file \"pg_wal/xlogtemp.4242\"", "child process exited with exit code 1"],
            "PANIC: could not write to file \"pg_wal/xlogtemp.4242\""
        },
        { ["creating subdirectories ... ok", "initdb: error: could not create directory: Permission denied"], null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Printed))]
    public void The_last_fatal_message_is_read_without_its_prefix_with_what_explains_it_in_one_line(string[] lines, string? expected) =>
        Assert.Equal(expected, PostgresFatal.Last(lines));
}
