using Registers.Server.Hosting;

namespace Registers.Server.Downloads;

/// <summary>
/// How many ZIP archives are written at once (<see cref="ServerOptions.ConcurrentArchives"/>): each holds its directory
/// in memory until its end, some 450 bytes a file, up to <see cref="RegisterArchive.MaxFiles"/> files (90 MB).
/// </summary>
public sealed class ArchiveSlots(ServerOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(0, options.ConcurrentArchives));

    /// <summary>A slot, to dispose when the archive is written; null when all are taken.</summary>
    public IDisposable? TryTake() => _slots.Wait(0) ? new Slot(_slots) : null;

    /// <inheritdoc/>
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
