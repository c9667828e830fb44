using System.Globalization;
using Registers.Client.Problems;

namespace Registers.Client.Reads;

/// <summary>
/// Watches that an answer's body keeps up a <see cref="DownloadRate"/> while it is read: at the end of each window, one
/// that brought fewer bytes cancels <see cref="Token"/>, and the reader, seeing <see cref="TooSlow"/>, throws
/// <see cref="Failure"/>. A timer rather than a deadline on each read, so that a read still waiting when a window that
/// did bring enough ends is let go on, not broken off.
/// </summary>
internal sealed class DownloadPace : IAsyncDisposable
{
    private readonly DownloadRate? _minimum;
    private readonly CancellationTokenSource _slow;
    private readonly Timer? _windows;
    private long _inWindow;
    private long _short = -1;

    /// <summary>Watches a body read under <paramref name="cancellationToken"/> against <paramref name="minimum"/> (nothing, when null).</summary>
    public DownloadPace(DownloadRate? minimum, CancellationToken cancellationToken)
    {
        _minimum = minimum;
        _slow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _windows = minimum is null ? null : new Timer(_ => EndWindow(), null, minimum.Window, minimum.Window);
    }

    /// <summary>Cancelled when the body falls short of the rate in a window, or when the caller's token is.</summary>
    public CancellationToken Token => _slow.Token;

    /// <summary>Whether the body fell short of the rate (and not the caller cancelling).</summary>
    public bool TooSlow => Interlocked.Read(ref _short) >= 0;

    /// <summary>Counts <paramref name="bytes"/> more of the body.</summary>
    public void Read(int bytes) => Interlocked.Add(ref _inWindow, bytes);

    /// <summary>The failure of a body that fell short, the answer to <paramref name="request"/>.</summary>
    public SlowDownloadException Failure(HttpRequestMessage? request) =>
        new(string.Create(CultureInfo.InvariantCulture,
                $"The answer to {request?.Method} {request?.RequestUri} came slower than {_minimum}: {Interlocked.Read(ref _short):N0} bytes in its last window (RegistersClientOptions.MinDownloadRate)."),
            _minimum!, Interlocked.Read(ref _short));

    private void EndWindow()
    {
        var received = Interlocked.Exchange(ref _inWindow, 0);
        if (received < _minimum!.Bytes && Interlocked.CompareExchange(ref _short, received, -1) == -1)
        {
            _slow.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_windows is not null)
        {
            await _windows.DisposeAsync().ConfigureAwait(false); // waits for a window ending now, which may cancel
        }

        _slow.Dispose();
    }
}
