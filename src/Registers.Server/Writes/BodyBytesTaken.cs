using System.Runtime.CompilerServices;

namespace Registers.Server.Writes;

/// <summary>The bytes one body holds of its key's <see cref="BodyBytesPerKey"/>, given back when this is disposed.</summary>
public sealed class BodyBytesTaken : IDisposable
{
    private readonly StrongBox<long> _held;
    private readonly long _limit;
    private long _taken;

    internal BodyBytesTaken(StrongBox<long> held, long limit)
    {
        _held = held;
        _limit = limit;
    }

    /// <summary>The bytes this body holds.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Takes <paramref name="bytes"/> more of the key's bytes, unless that would take it past its limit.</summary>
    public bool TryTakeMore(long bytes)
    {
        // Compare-and-swap, not add-then-check: two bodies near the limit must not both be refused for each other's bytes.
        var held = Interlocked.Read(ref _held.Value);
        while (true)
        {
            if (held + bytes > _limit)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _held.Value, held + bytes, held);
            if (seen == held)
            {
                Interlocked.Add(ref _taken, bytes);
                return true;
            }

            held = seen;
        }
    }

    /// <summary>Gives back every byte taken; once.</summary>
    public void Dispose() => Interlocked.Add(ref _held.Value, -Interlocked.Exchange(ref _taken, 0));
}
