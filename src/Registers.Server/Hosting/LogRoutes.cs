using Registers.Protocol.Entries;

namespace Registers.Server.Hosting;

/// <summary>Where each log's resources live: the user log at the register's root, the system log below <c>/system</c>.</summary>
public static class LogRoutes
{
    /// <summary>Route prefix and log, for mapping one set of routes per log.</summary>
    public static IReadOnlyList<(string Prefix, EntryLog Log)> All { get; } =
    [
        ("/registers/{name}", EntryLog.User),
        ("/registers/{name}/system", EntryLog.System),
    ];
}
