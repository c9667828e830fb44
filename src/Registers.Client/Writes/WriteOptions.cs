namespace Registers.Client.Writes;

/// <summary>How a write is made safe to retry (<c>docs/writes.md</c>, Safe retries).</summary>
public sealed record WriteOptions
{
    /// <summary>The longest idempotency key the server takes.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>
    /// Sent as <c>Idempotency-Key</c>: the server applies a write with this key once, and answers a repeat with the first
    /// write's receipt. With a key, the client also retries the write by itself when the server cannot be reached or is
    /// briefly unable to answer (see <see cref="RegistersClientOptions.Retries"/>).
    /// </summary>
    public string? IdempotencyKey
    {
        get;
        init => field = value is null || (value.Length is > 0 and <= MaxIdempotencyKeyLength && !value.AsSpan().ContainsAnyExceptInRange(' ', '~'))
            ? value
            : throw new ArgumentException($"An idempotency key is 1 to {MaxIdempotencyKeyLength} printable ASCII characters.", nameof(value));
    }

    /// <summary>Sent as <c>If-Match: "size-N"</c>: apply the write only if the register's user log holds exactly this many entries.</summary>
    public long? ExpectedSize
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A log size cannot be negative.");
    }

    /// <summary>The <c>If-Match</c> value for <see cref="ExpectedSize"/>: the register's ETag at that size.</summary>
    internal string? IfMatch => ExpectedSize is { } size ? $"\"size-{size}\"" : null;
}
