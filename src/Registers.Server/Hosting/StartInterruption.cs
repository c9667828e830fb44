using System.Runtime.InteropServices;

namespace Registers.Server.Hosting;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM from the first moment of a start, before the host handles them: the runtime's default ends the
/// process at once, and what the start had begun ran on without it (an initdb filling the private cluster's folder, a
/// postmaster). The signal cancels <see cref="Token"/> instead, and the start stops what it began. A second signal gets the
/// default action, for a start that does not stop.
/// </summary>
internal sealed class StartInterruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StartInterruption() =>
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop)];

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Hands the signals back: once the server has started, the host stops it gracefully on either.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = !_stop.IsCancellationRequested;
        _stop.Cancel();
    }
}
