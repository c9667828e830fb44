namespace Registers.Server.Signatures;

/// <summary>
/// The whole second in which this process began to accept requests. The replay guard remembers only what this process
/// has seen, so a signature created before it may have been accepted by the process before a restart: it is refused.
/// </summary>
/// <remarks>
/// <c>created</c> counts whole seconds, so the start is rounded down: a signature made while this process listens is
/// never refused, and this waits for nothing. A signature created from that second on that the process before accepted
/// (made in the second of the restart, or ahead of the clock) is refused by <see cref="LatestAcceptedCreated"/>.
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
    /// <remarks>Hosted services start before the web server listens, so no request is authenticated before this has run.</remarks>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _unixSeconds, time.GetUtcNow().ToUnixTimeSeconds());
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
