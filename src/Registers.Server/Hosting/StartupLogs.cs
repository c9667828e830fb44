namespace Registers.Server.Hosting;

/// <summary>
/// Holds back the host's own log of a failed start (its errors until the server has started): that log is a stack
/// trace, and <see cref="StartupFailure"/> reports the same failure once, in a line naming what to change.
/// </summary>
internal sealed class StartupLogs
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private volatile bool _started;

    private StartupLogs()
    {
    }

    /// <summary>
    /// Filters the host's category in <paramref name="logging"/>: its warnings always pass, its errors once <see cref="Started"/>
    /// is called; its debug chatter never did at the levels the server is run with.
    /// </summary>
    public static StartupLogs HoldBackHostFailure(ILoggingBuilder logging)
    {
        var filter = new StartupLogs();
        logging.AddFilter(HostCategory, level => level is LogLevel.Warning or LogLevel.Critical || (level == LogLevel.Error && filter._started));
        return filter;
    }

    /// <summary>From now on the host's errors are about a running server, and are logged.</summary>
    public void Started() => _started = true;
}
