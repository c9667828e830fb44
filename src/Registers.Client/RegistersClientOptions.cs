namespace Registers.Client;

/// <summary>How a <see cref="RegistersClient"/> retries, and how much of an answer it reads.</summary>
public sealed record RegistersClientOptions
{
    /// <summary>
    /// How many times a write that carries an idempotency key is tried again after the server could not be reached, timed
    /// out, or answered 429, 502, 503 or 504. Writes without a key are never retried: the first try may have been applied.
    /// </summary>
    public int Retries { get; init; } = 4;

    /// <summary>
    /// Whether reads are tried again, <see cref="Retries"/> times, after the server could not be reached (the connection
    /// refused or broken off, not a failed TLS handshake or an unknown name) or answered 429, 502, 503 or 504 (a restarting
    /// database's 503 is over in seconds). Off by default: a service may rather fail at once,
    /// or retry through its own resilience handler.
    /// </summary>
    public bool RetryReads { get; init; }

    /// <summary>The wait before the first retry; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest wait between tries: the doubling wait stops growing here, and an answer's <c>Retry-After</c> is waited for
    /// in full up to it (a try sent sooner only meets another refusal). 2 minutes by default: a register server's rate limit
    /// counts writes by the minute, so its 429 asks for at most 60 s, and its 503 for 5 s.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most bytes read of an answer the client holds whole (a record, a page, a proof, a checkpoint; downloads are
    /// streamed): a longer one is an <see cref="HttpRequestException"/> of <see cref="HttpRequestError.ConfigurationLimitExceeded"/>,
    /// so a server cannot make the client hold what it likes. 64 MiB by default: a page of 5,000 records with items of
    /// some 13 KB each. At least 1 (any other is refused here, with <see cref="ArgumentOutOfRangeException"/>).
    /// </summary>
    public long MaxAnswerBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAnswerBytes), value, "An answer of no bytes is none.");
    } = 64 * 1024 * 1024;

    /// <summary>
    /// The slowest an answer's body may come (records, pages, proofs, checkpoints and RSF downloads alike): one that brings
    /// fewer than <see cref="DownloadRate.Bytes"/> in a <see cref="DownloadRate.Window"/> while it is still coming ends with a
    /// <see cref="Problems.SlowDownloadException"/>, so a server that trickles an answer, or sends part of it and then
    /// nothing, cannot hold the client. 16 KiB a minute by default: a body that stops coming altogether ends after a
    /// minute, whatever the <see cref="HttpClient.Timeout"/>. Null: no minimum (the timeout alone bounds a body).
    /// </summary>
    public DownloadRate? MinDownloadRate { get; init; } = new(16 * 1024, TimeSpan.FromMinutes(1));

    /// <summary>Told before each retry how long the client waits and why, so a long wait need not look like a hang; null: nothing is told.</summary>
    public Action<RetryNotice>? OnRetry { get; init; }
}

/// <summary>A write, or a read (see <see cref="RegistersClientOptions.RetryReads"/>), about to be tried again.</summary>
/// <param name="Attempt">The try about to be made (2 for the first retry).</param>
/// <param name="Wait">How long the client waits first.</param>
/// <param name="Reason">What the last try met: the server's answer (a 429 of its rate limit, a 503), or the failure of the connection.</param>
public sealed record RetryNotice(int Attempt, TimeSpan Wait, string Reason);
