using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Registers.Server.Tests.Support;

/// <summary>Every log entry a running server writes from when this is added to its logger factory: category, level and message.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    /// <summary>The entries so far, in the order written.</summary>
    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => _entries;

    /// <summary>Captures what <paramref name="server"/> logs from now on.</summary>
    public static CapturedLogs Of(RunningServer server)
    {
        var logs = new CapturedLogs();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        return logs;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
