namespace Registers.Server.Signatures;

/// <summary>
/// The whole second from which this process accepts requests. The replay guard remembers only what this process has
/// seen, so a signature created before it may have been accepted by the process before a restart: it is refused.
/// </summary>
/// <remarks>
/// <c>created</c> counts whole seconds, so the start is the next whole second, and the server waits for it before it
/// listens (at most a second: hosted services start before the web server does). A signature created before it is
/// refused even if the previous process never saw it, but not one made while this process listens.
/// </remarks>
public sealed class ServerStart(TimeProvider time) : IHostedService
{
    // Until the host starts it, no signature is from after the start: fail closed.
    private long _unixSeconds = long.MaxValue;

    /// <summary>The start, in Unix seconds as <c>created</c> gives them.</summary>
    public long UnixSeconds => Interlocked.Read(ref _unixSeconds);

    /// <summary>Whether a signature created at <paramref name="created"/> (Unix seconds) was made before this process started accepting requests.</summary>
    public bool IsBefore(long created) => created < UnixSeconds;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var start = now.ToUnixTimeSeconds() + 1;
        await Task.Delay(DateTimeOffset.FromUnixTimeSeconds(start) - now, time, cancellationToken);
        Interlocked.Exchange(ref _unixSeconds, start);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
