using System.Runtime.InteropServices;

namespace Registers.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation the commands see, so that they delete their temporary files (a
/// large replay's spill folder, a download in progress) and say where they stopped, instead of the runtime ending the
/// process at once. A second signal ends the process at once, for a command that does not stop.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Interruption() =>
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop)];

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

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
        // The first signal cancels and keeps the process; a second gets the default action (the process ends).
        context.Cancel = !_stop.IsCancellationRequested;
        _stop.Cancel();
    }
}
