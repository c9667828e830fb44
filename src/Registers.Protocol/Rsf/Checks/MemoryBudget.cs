namespace Registers.Protocol.Rsf.Checks;

/// <summary>
/// The bytes a replay's check tables may hold between them. A table takes its share before it grows and keeps it
/// until the replay ends (a cleared table keeps its arrays for reuse), so the total never passes <see cref="Bytes"/>.
/// </summary>
/// <remarks>Not thread-safe: the tables of one replay grow on one thread.</remarks>
internal sealed class MemoryBudget(long bytes)
{
    private long _taken;

    /// <summary>The whole budget.</summary>
    public long Bytes => bytes;

    /// <summary>What is not yet taken.</summary>
    public long Free => bytes - _taken;

    /// <summary>Takes <paramref name="amount"/> bytes if they are free; false, taking nothing, otherwise.</summary>
    public bool TryTake(long amount)
    {
        if (amount > Free)
        {
            return false;
        }

        _taken += amount;
        return true;
    }

    /// <summary>Takes <paramref name="amount"/> bytes whether or not they are free (a table growing to what it must hold).</summary>
    public void Take(long amount) => _taken += amount;

    /// <summary>Gives back bytes taken earlier.</summary>
    public void Give(long amount) => _taken -= amount;
}
