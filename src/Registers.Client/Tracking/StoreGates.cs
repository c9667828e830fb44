using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Registers.Client.Tracking;

/// <summary>A gate for each register of each store object, in this process: what a store shares with no other process takes turns on.</summary>
internal static class StoreGates
{
    private static readonly ConditionalWeakTable<ILogStateStore, ConcurrentDictionary<string, SemaphoreSlim>> Gates = new();

    /// <summary>Waits for <paramref name="register"/>'s gate of <paramref name="store"/>, held until disposed.</summary>
    public static async Task<IAsyncDisposable> LockAsync(ILogStateStore store, string register, CancellationToken cancellationToken)
    {
        var gate = Gates.GetValue(store, _ => new(StringComparer.Ordinal)).GetOrAdd(register, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new HeldLock(gate);
    }
}
