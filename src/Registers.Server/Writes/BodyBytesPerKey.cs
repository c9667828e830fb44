using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// The bytes of JSON write bodies each signing key has arriving or being written at once
/// (<see cref="ServerOptions.ConcurrentBodyBytesPerKey"/>). A signed JSON body is held whole, in memory or past some 30 KB
/// in a temporary file, from when it starts arriving (its digest is checked before anything reads it) until its write is
/// answered, up to <see cref="ServerOptions.MaxBodyBytes"/> each, so one key (a custodian's, or a stolen one) holding many
/// slow bodies open could otherwise fill the memory or the disk. Bytes, not writes, are counted, as bytes are what is held:
/// a count of writes high enough for the dozens of small appends a busy client sends at once would let as many of the
/// largest bodies in.
/// </summary>
public sealed class BodyBytesPerKey(ServerOptions options)
{
    /// <summary>When a refused write is worth sending again: a JSON write is answered within seconds of its body's end.</summary>
    public const int RetryAfterSeconds = 5;

    // A counter for each key with bytes taken now, removed once its last are given back, so that the table holds the keys
    // writing now rather than every key that ever wrote. A removal races with takes, so a counter at 0 is first retired (set
    // to Retired, for good) by a compare-and-swap that fails if a take came between, and bytes are taken only by a
    // compare-and-swap from a value that is not Retired: none is ever counted on a counter removed or on its way out. A take
    // that finds one retired helps remove it (that very counter, never a newer one) and tries again on the key's next. A
    // counter holding bytes is never retired, so a key has one counter in use at a time. No lock but the table's per bucket.
    private readonly ConcurrentDictionary<string, StrongBox<long>> _held = new(StringComparer.Ordinal);

    private const long Retired = -1;

    /// <summary>The most bytes one key has arriving or being written at once.</summary>
    public long PerKey { get; } = options.ConcurrentBodyBytesPerKey;

    /// <summary>How many keys have a counter kept.</summary>
    internal int CountersKept => _held.Count;

    /// <summary>The bytes <paramref name="keyId"/> has arriving or being written now.</summary>
    public long Held(string keyId) => _held.TryGetValue(keyId, out var held) ? Math.Max(Interlocked.Read(ref held.Value), 0) : 0;

    /// <summary>
    /// A share of <paramref name="keyId"/>'s bytes for one body, holding <paramref name="declaredLength"/> of them (none for
    /// a body of no stated length, which takes them as it arrives); null when that would take the key past <see cref="PerKey"/>.
    /// Dispose of it when the write has been answered, however it ended.
    /// </summary>
    public BodyBytesTaken? TryTake(string keyId, long? declaredLength)
    {
        // A body declared larger than any write may be is refused (413) at its first read, before any of it is taken in:
        // it holds nothing, so that it is told the limit that matters rather than to send it again.
        var bytes = declaredLength > options.MaxBodyBytes ? 0 : declaredLength ?? 0;
        var taken = new BodyBytesTaken(this, keyId);
        return taken.TryTakeMore(bytes) ? taken : null;
    }

    /// <summary>Takes <paramref name="bytes"/> (more than none) of <paramref name="keyId"/>'s, unless that would take it past <see cref="PerKey"/>.</summary>
    internal bool TryTakeBytes(string keyId, long bytes)
    {
        while (true)
        {
            var counter = _held.GetOrAdd(keyId, static _ => new StrongBox<long>());

            // Compare-and-swap, not add-then-check: two bodies near the limit must not both be refused for each other's bytes.
            var held = Interlocked.Read(ref counter.Value);
            while (held != Retired)
            {
                if (held + bytes > PerKey)
                {
                    RetireIfEmpty(keyId, counter); // one just made for a take refused outright
                    return false;
                }

                var seen = Interlocked.CompareExchange(ref counter.Value, held + bytes, held);
                if (seen == held)
                {
                    return true;
                }

                held = seen;
            }

            _held.TryRemove(KeyValuePair.Create(keyId, counter));
        }
    }

    /// <summary>Gives back <paramref name="bytes"/> (more than none) of <paramref name="keyId"/>'s, taken by <see cref="TryTakeBytes"/>.</summary>
    internal void GiveBack(string keyId, long bytes)
    {
        var counter = _held[keyId]; // kept, as it holds these bytes
        if (Interlocked.Add(ref counter.Value, -bytes) == 0)
        {
            RetireIfEmpty(keyId, counter);
        }
    }

    // Fails, leaving the counter in use, when a take has come between.
    private void RetireIfEmpty(string keyId, StrongBox<long> counter)
    {
        if (Interlocked.CompareExchange(ref counter.Value, Retired, 0) == 0)
        {
            _held.TryRemove(KeyValuePair.Create(keyId, counter));
        }
    }
}
