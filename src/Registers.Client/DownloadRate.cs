using System.Globalization;

namespace Registers.Client;

/// <summary>
/// A rate an answer's body must keep up: at least <see cref="Bytes"/> in every <see cref="Window"/> while it is still coming
/// (<see cref="RegistersClientOptions.MinDownloadRate"/>). A body that ends sooner is never held to it.
/// </summary>
public sealed record DownloadRate
{
    /// <summary>At least <paramref name="bytes"/> (1 or more) in every <paramref name="window"/> (longer than zero, and finite).</summary>
    public DownloadRate(long bytes, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        if (window <= TimeSpan.Zero || window == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A window must be longer than zero, and end.");
        }

        Bytes = bytes;
        Window = window;
    }

    /// <summary>The fewest bytes that must come in each window.</summary>
    public long Bytes { get; }

    /// <summary>How long each window is.</summary>
    public TimeSpan Window { get; }

    /// <summary>"16,384 bytes a minute", "1,024 bytes in 0.5 s".</summary>
    public override string ToString() => Window == TimeSpan.FromMinutes(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{Bytes:N0} bytes a minute")
        : string.Create(CultureInfo.InvariantCulture, $"{Bytes:N0} bytes in {Window.TotalSeconds:0.###} s");
}
