namespace Registers.Client.Writes;

/// <summary>How a write is made safe to retry (<c>docs/writes.md</c>, Safe retries).</summary>
public sealed record WriteOptions
{
    /// <summary>The longest idempotency key the server takes, in characters.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>
    /// Sent as <c>Idempotency-Key</c>: 1 to <see cref="MaxIdempotencyKeyLength"/> printable ASCII characters without
    /// spaces or commas, as the server takes them (a comma would make it a list of keys) (any other is refused here, with <see cref="ArgumentException"/>). The server
    /// applies a write with this key to the register once, and answers a repeat of it with the first write's receipt; the
    /// same key sent with another body is refused (422) and nothing is written. With a key, the client also retries the
    /// write by itself when the server cannot be reached, times out, or answers 429, 502, 503 or 504 (see
    /// <see cref="RegistersClientOptions.Retries"/>).
    /// </summary>
    public string? IdempotencyKey
    {
        get;
        init => field = value is null || IsIdempotencyKey(value)
            ? value
            : throw new ArgumentException($"An idempotency key is 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces or commas.", nameof(IdempotencyKey));
    }

    /// <summary>Whether <paramref name="key"/> is an idempotency key the server takes.</summary>
    public static bool IsIdempotencyKey(string key) =>
        key is { Length: > 0 and <= MaxIdempotencyKeyLength } && !key.AsSpan().ContainsAnyExceptInRange('!', '~') && !key.Contains(',');

    /// <summary>
    /// Sent as <c>If-Match: "size-N"</c>: apply the write only if the register's user log holds exactly this many entries,
    /// whichever log the write appends to; otherwise the server answers 412 and nothing is written.
    /// </summary>
    public long? ExpectedSize
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ExpectedSize), value, "A log size cannot be negative.");
    }

    /// <summary>The <c>If-Match</c> value for <see cref="ExpectedSize"/>: the ETag of the register's checkpoint at that size.</summary>
    internal string? IfMatch => ExpectedSize is { } size ? $"\"size-{size}\"" : null;
}
