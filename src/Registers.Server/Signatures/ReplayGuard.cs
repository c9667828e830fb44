using System.Collections.Concurrent;

namespace Registers.Server.Signatures;

/// <summary>
/// Remembers the signatures it has accepted until they are too old to be accepted anyway, so a
/// signed request captured on the wire cannot be sent again. A retry of a write is signed afresh
/// (a new <c>created</c>, so a new signature) and is not a replay.
/// </summary>
/// <remarks>
/// Kept in memory, so it covers one process: what an earlier process may have accepted is refused anyway, a signature
/// created before this one started (<see cref="ServerStart"/>) or no later than the latest it accepted ahead of its clock
/// (<see cref="LatestAcceptedCreated"/>).
/// </remarks>
public sealed class ReplayGuard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>How many signatures are remembered (for tests).</summary>
    internal int Count => _seen.Count;

    /// <summary>Records a signature; false when it was seen before (a replay).</summary>
    /// <param name="keyId">The signing key's id.</param>
    /// <param name="signature">The signature bytes.</param>
    /// <param name="forgetAfter">When the signature would be refused as too old anyway.</param>
    public bool TryRecord(string keyId, ReadOnlySpan<byte> signature, DateTimeOffset forgetAfter)
    {
        var now = time.GetUtcNow();
        if (now >= _nextSweep)
        {
            _nextSweep = now.AddMinutes(1);
            foreach (var (seen, expiry) in _seen)
            {
                if (expiry < now)
                {
                    _seen.TryRemove(seen, out _);
                }
            }
        }

        return _seen.TryAdd(keyId + " " + Convert.ToBase64String(signature), forgetAfter);
    }
}
