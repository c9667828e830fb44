namespace Registers.Client;

/// <summary>How a <see cref="RegistersClient"/> retries.</summary>
public sealed record RegistersClientOptions
{
    /// <summary>
    /// How many times a write that carries an idempotency key is tried again after the server could not be reached, timed
    /// out, or answered 429, 502, 503 or 504. Writes without a key are never retried: the first try may have been applied.
    /// </summary>
    public int Retries { get; init; } = 4;

    /// <summary>The wait before the first retry; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between tries, whatever <c>Retry-After</c> asks for.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
