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

    // A counter for each key that has written since the start, never removed: only keys whose signature verified get one
    // (the admin's and the custodians' listed), and removing one safely would take a lock on every write.
    private readonly ConcurrentDictionary<string, StrongBox<long>> _held = new(StringComparer.Ordinal);

    /// <summary>The most bytes one key has arriving or being written at once.</summary>
    public long PerKey { get; } = options.ConcurrentBodyBytesPerKey;

    /// <summary>The bytes <paramref name="keyId"/> has arriving or being written now.</summary>
    public long Held(string keyId) => _held.TryGetValue(keyId, out var held) ? Interlocked.Read(ref held.Value) : 0;

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
        var taken = new BodyBytesTaken(_held.GetOrAdd(keyId, static _ => new StrongBox<long>()), PerKey);
        return taken.TryTakeMore(bytes) ? taken : null;
    }
}
