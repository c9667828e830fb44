namespace Registers.Server.Writes;

/// <summary>The bytes one body holds of its key's <see cref="BodyBytesPerKey"/>, given back when this is disposed.</summary>
public sealed class BodyBytesTaken : IDisposable
{
    private readonly BodyBytesPerKey _perKey;
    private readonly string _keyId;
    private long _taken;

    internal BodyBytesTaken(BodyBytesPerKey perKey, string keyId)
    {
        _perKey = perKey;
        _keyId = keyId;
    }

    /// <summary>The bytes this body holds.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Takes <paramref name="bytes"/> more of the key's bytes, unless that would take it past its limit.</summary>
    public bool TryTakeMore(long bytes)
    {
        // None taken needs no counter, and always fits: a key's counter is kept only while it holds bytes.
        if (bytes == 0)
        {
            return true;
        }

        if (!_perKey.TryTakeBytes(_keyId, bytes))
        {
            return false;
        }

        Interlocked.Add(ref _taken, bytes);
        return true;
    }

    /// <summary>Gives back every byte taken; once.</summary>
    public void Dispose()
    {
        var taken = Interlocked.Exchange(ref _taken, 0);
        if (taken > 0)
        {
            _perKey.GiveBack(_keyId, taken);
        }
    }
}
