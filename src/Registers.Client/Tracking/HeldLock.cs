namespace Registers.Client.Tracking;

/// <summary>A register's state held by one tracker (<see cref="ILogStateStore.LockAsync"/>): this process's gate, and the lock file other processes wait on, if any.</summary>
internal sealed class HeldLock(SemaphoreSlim gate, FileStream? lockFile = null) : IAsyncDisposable
{
    private int _released;

    /// <summary>Lets go of the lock file, then of the gate; once only.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            try
            {
                if (lockFile is not null)
                {
                    await lockFile.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
