using Registers.Protocol.Entries;

namespace Registers.Server.Writes;

/// <summary>The server's clock as a write is decided by it, read once for the whole write.</summary>
/// <param name="Now">The timestamp of entries that bring none.</param>
/// <param name="Tolerance">How far after <paramref name="Now"/> an entry's own timestamp may be (see <see cref="FutureTimestampRule"/>).</param>
public readonly record struct WriteClock(EntryTimestamp Now, TimeSpan Tolerance)
{
    /// <summary>Reads <paramref name="time"/> now.</summary>
    public static WriteClock Read(TimeProvider time, Hosting.ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        return new(EntryTimestamp.From(time.GetUtcNow()), options.FutureTimestampTolerance);
    }
}
