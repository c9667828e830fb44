using System.Runtime.InteropServices;

namespace Registers.Shared;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation, so that work under way stops what it began and cleans up (a
/// command's temporary files, a server start's initdb or postmaster) instead of the runtime ending the process at once.
/// A second signal gets the default action, for work that does not stop. Compiled into each program that needs it.
/// </summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public SignalCancellation() =>
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop)];

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Hands the signals back to their default handling (or to a host that handles them itself).</summary>
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
