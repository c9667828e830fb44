using Registers.Client.Problems;

namespace Registers.Cli.Writes;

/// <summary>
/// The most a server takes in one write as a run knows it: as the server publishes it, then as its 413s teach. A 413
/// naming its body limit gives that limit; one naming none ("Too many entries", from a server publishing no limits, or a
/// web server in front with a limit of its own) says only that a write of as many entries is refused, and so would be
/// again. A part past either is halved before it is sent, into the very parts the 413s would have made.
/// </summary>
internal sealed class KnownWriteLimits(long? bodyBytes, int? entries)
{
    // The largest body the server takes, in bytes, when it said so.
    private long? _bodyBytes = bodyBytes;

    // The most entries a write may carry: as published, or one fewer than a write refused without a byte limit.
    private int? _entries = entries;

    /// <summary>The body limit the server said, when a body of <paramref name="bytes"/> passes it; else null.</summary>
    public long? PassedBy(long bytes) => bytes > _bodyBytes ? _bodyBytes : null;

    /// <summary>Whether a write of <paramref name="entries"/> entries carries as many as one the server refused, or more than it takes.</summary>
    public bool TooMany(int entries) => entries > _entries;

    /// <summary>Learns from <paramref name="refusal"/>, the 413 to a write of <paramref name="entries"/> entries.</summary>
    public void Learn(RegistersProblem refusal, int entries)
    {
        if (ServerBodyLimit.Of(refusal) is { } limit)
        {
            _bodyBytes = limit;
        }
        else
        {
            _entries = Math.Min(_entries ?? int.MaxValue, entries - 1);
        }
    }
}
