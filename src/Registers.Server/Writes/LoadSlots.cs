using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// How many RSF loads one signing key has arriving or loading at once (<see cref="ServerOptions.ConcurrentLoadsPerKey"/>):
/// each is received whole into <see cref="UploadFolder"/> before it is loaded, up to <see cref="ServerOptions.MaxRsfBytes"/>,
/// so one key (a custodian's, or a stolen one) opening many at once could otherwise fill the data folder's disk.
/// </summary>
public sealed class LoadSlots(ServerOptions options)
{
    /// <summary>
    /// When a refused load is worth sending again: loads are sent in batches of seconds each (the <c>registers</c> command's
    /// are at most 64 MiB), so one of the others has likely ended by then.
    /// </summary>
    public const int RetryAfterSeconds = 10;

    private readonly Dictionary<string, int> _taken = new(StringComparer.Ordinal);

    /// <summary>The most loads one key has at once.</summary>
    public int PerKey { get; } = options.ConcurrentLoadsPerKey;

    /// <summary>A slot of <paramref name="keyId"/>'s, to dispose when its load has ended however it ended; null when all are taken.</summary>
    public IDisposable? TryTake(string keyId)
    {
        lock (_taken)
        {
            var taken = _taken.GetValueOrDefault(keyId);
            if (taken >= PerKey)
            {
                return null;
            }

            _taken[keyId] = taken + 1;
            return new Slot(this, keyId);
        }
    }

    private void Release(string keyId)
    {
        lock (_taken)
        {
            // Keys with nothing in flight are forgotten: the table holds the keys loading now, not every key that ever loaded.
            if (--_taken[keyId] == 0)
            {
                _taken.Remove(keyId);
            }
        }
    }

    private sealed class Slot(LoadSlots slots, string keyId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release(keyId);
            }
        }
    }
}
