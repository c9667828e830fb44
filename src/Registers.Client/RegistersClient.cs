using System.Net;
using System.Text.Json;
using Registers.Client.Problems;
using Registers.Client.Writes;

namespace Registers.Client;

/// <summary>
/// A typed client of a register server: its reads (where a register stands, records, entries, histories, items, proofs,
/// checkpoints, RSF downloads; taken as served, see <see cref="Verification.VerifyingClient"/> for verified ones) and its
/// custodians' writes (creating registers, allowing custodian keys, appending entries, loading RSF). Writes must be signed:
/// give the <see cref="HttpClient"/> a <see cref="Signing.RequestSigningHandler"/> in its pipeline (directly or through
/// <c>IHttpClientFactory</c>).
/// </summary>
/// <remarks>
/// <para>The client's <see cref="HttpClient.BaseAddress"/> is the server, e.g. <c>https://registers.example/</c>, or where a
/// reverse proxy publishes it below a path, e.g. <c>https://example.org/registers-api</c>: requests go below that path,
/// with or without a trailing slash. Every refusal is thrown as a <see cref="RegistersException"/> carrying the server's problem details;
/// an answer that is not the JSON the API defines (a receipt or a register resource without a member it always has, or
/// not JSON) as a <see cref="JsonException"/> (the reads verification uses, as a <see cref="Verification.VerificationException"/>:
/// <see cref="Verification.VerificationProblem.MalformedAnswer"/>);
/// an answer no register server gives (a web page, a 404 without problem details: a wrong address) as a
/// <see cref="NotARegisterServerException"/>; failing to reach the server stays an <see cref="HttpRequestException"/> (or a
/// <see cref="TaskCanceledException"/> on a timeout). A register name no register can have (the server's names are lower-case
/// letters, digits and hyphens, starting with a letter) is refused with an <see cref="ArgumentException"/>, as an empty one
/// is, and nothing is asked; a key no entry can have (<c>..</c>) is answered as an unknown key, without asking.</para>
/// <para>A write with an idempotency key (<see cref="WriteOptions.IdempotencyKey"/>) is retried by the client when the
/// server cannot be reached or is briefly unavailable; each try is signed anew. If a retry finds the register grown past
/// its <c>If-Match</c> size (412), the client looks up the receipt of the key: the first try was applied, and its receipt
/// is returned.</para>
/// <para>Thread-safe, as <see cref="HttpClient"/> is.</para>
/// </remarks>
public sealed partial class RegistersClient
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // An answer is read as its type declares it: a member missing, or null where the type says it never is, is a
        // JsonException here, not a null met later. What the server may leave out is an optional parameter.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Bodies larger than this are announced first (<c>Expect: 100-continue</c>); smaller ones are not worth the round trip.</summary>
    private const long ExpectContinueBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly RegistersClientOptions _options;

    /// <summary>A client over <paramref name="http"/>, whose base address is the server.</summary>
    public RegistersClient(HttpClient http, RegistersClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? new RegistersClientOptions();
    }

    /// <summary>The server this client talks to.</summary>
    public Uri? Server => _http.BaseAddress;

    /// <summary>Where <paramref name="path"/> is below the server's address, its path kept (see <see cref="BaseAddressPaths"/>).</summary>
    private Uri At(string path) => BaseAddressPaths.Below(_http.BaseAddress, path);

    /// <summary>
    /// Reads <paramref name="path"/> below the server's address; the answer is a register server's (see
    /// <see cref="RegisterServerAnswers"/>; one older than a <paramref name="newerResource"/> answers it 404). Tried again on
    /// a failure that may pass when the options say so.
    /// </summary>
    private async Task<HttpResponseMessage> GetAsync(
        string path, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, bool newerResource = false)
    {
        var retries = _options.RetryReads ? Math.Max(0, _options.Retries) : 0;
        for (var attempt = 0; ; attempt++)
        {
            string reason;
            TimeSpan? wait = null;
            try
            {
                var request = new HttpRequestMessage(HttpMethod.Get, At(path));
                request.Options.Set(RegisterServerAnswers.NewerResource, newerResource);
                var response = await SendAsync(request, cancellationToken, completion).ConfigureAwait(false);
                if (attempt >= retries || !RegistersException.IsTransientStatus(response.StatusCode))
                {
                    return response;
                }

                using (response)
                {
                    reason = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                    wait = RegistersProblem.RetryAfterOf(response);
                }
            }
            // A server out of reach or gone mid-answer may be back in a moment; a failed TLS handshake or a name nothing
            // resolves will not be.
            catch (HttpRequestException failure) when (attempt < retries && !cancellationToken.IsCancellationRequested
                                                        && failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded)
            {
                reason = failure.Message;
            }

            await PauseBeforeRetryAsync(attempt, wait, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="request"/>, and throws unless the answer is one a register server gives (see <see cref="RegisterServerAnswers"/>).</summary>
    /// <exception cref="NotARegisterServerException">A web page, or a 404 or 405 without problem details.</exception>
    /// <exception cref="HttpRequestException">Also an answer to be held whole (every error answer is) that is longer than <see cref="RegistersClientOptions.MaxAnswerBytes"/>.</exception>
    /// <exception cref="Problems.SlowDownloadException">An answer to be held whole that came slower than <see cref="RegistersClientOptions.MinDownloadRate"/>.</exception>
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        // Never buffered by HttpClient, which would hold up to 2 GB of the answer: read here up to the options' limit.
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            // An error answer is read whole as a problem, even to a request for a stream (a download): bounded as any
            // answer held whole, lest a hostile server send an endless or trickling error body.
            if (completion == HttpCompletionOption.ResponseContentRead || !response.IsSuccessStatusCode)
            {
                await Reads.BoundedAnswer.BufferAsync(response, _options.MaxAnswerBytes, _http.Timeout, _options.MinDownloadRate, cancellationToken).ConfigureAwait(false);
            }

            await RegisterServerAnswers.EnsureFromRegisterServerAsync(request, response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <exception cref="ArgumentException"><paramref name="register"/> is no register's name.</exception>
    private static string RegisterPath(string register)
    {
        // Refused as an empty name always was, not answered as a missing register: a name of the server's syntax
        // ([a-z][a-z0-9-]*) is wrong whatever the server holds, and a RegistersException would carry a problem no server sent.
        ArgumentException.ThrowIfNullOrEmpty(register);
        if (!Registers.Protocol.Json.CanonicalJson.IsAttributeName(register))
        {
            throw new ArgumentException($"'{register}' is no register's name: lower-case letters, digits and hyphens, starting with a letter.", nameof(register));
        }

        return "registers/" + register;
    }

    /// <summary>Sends a write, retrying it (re-signed each time) when it carries an idempotency key and the failure may pass.</summary>
    private async Task<WriteReceipt> WriteAsync(
        HttpMethod method, string path, Func<HttpContent?> content, WriteOptions? options, string? register, CancellationToken cancellationToken)
    {
        var retries = options?.IdempotencyKey is null ? 0 : Math.Max(0, _options.Retries);
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? wait = null;
            string reason;
            try
            {
                using var request = new HttpRequestMessage(method, At(path)) { Content = content() };
                if (options?.IdempotencyKey is { } key)
                {
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                }

                if (options?.IfMatch is { } ifMatch)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                }

                // A large body is announced before it is sent: a server that will not take it says so (413) instead of
                // breaking the connection off mid-upload, which would leave the client no answer to report.
                request.Headers.ExpectContinue = request.Content?.Headers.ContentLength > ExpectContinueBytes ? true : null;

                using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await ReadReceiptAsync(response, cancellationToken).ConfigureAwait(false);
                }

                var problem = await RegistersProblem.ReadAsync(response, cancellationToken).ConfigureAwait(false);
                var failure = new RegistersException(problem);
                if (attempt > 0 && problem.Status == HttpStatusCode.PreconditionFailed && register is not null
                    && await GetWriteReceiptAsync(register, options!.IdempotencyKey!, cancellationToken).ConfigureAwait(false) is { } earlier)
                {
                    return earlier; // an earlier try was applied; its answer was lost
                }

                if (attempt >= retries || !failure.IsTransient)
                {
                    throw failure;
                }

                wait = problem.RetryAfter;
                reason = problem.ToString();
            }
            // An answer longer than the client reads would be as long again: not worth signing and sending anew.
            catch (HttpRequestException failure) when (attempt < retries && !cancellationToken.IsCancellationRequested
                                                        && failure.HttpRequestError != HttpRequestError.ConfigurationLimitExceeded)
            {
                reason = failure.Message;
            }
            catch (TaskCanceledException) when (attempt < retries && !cancellationToken.IsCancellationRequested)
            {
                reason = "no answer in time";
            }

            await PauseBeforeRetryAsync(attempt, wait, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Says the try after <paramref name="attempt"/> is coming and why (<see cref="RegistersClientOptions.OnRetry"/>), and waits for it.</summary>
    private Task PauseBeforeRetryAsync(int attempt, TimeSpan? asked, string reason, CancellationToken cancellationToken)
    {
        var delay = Delay(attempt, asked);
        _options.OnRetry?.Invoke(new RetryNotice(attempt + 2, delay, reason));
        return Task.Delay(delay, cancellationToken);
    }

    private TimeSpan Delay(int attempt, TimeSpan? asked)
    {
        var backoff = _options.RetryDelay * Math.Pow(2, Math.Min(attempt, 16));
        var wait = asked is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
        return wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay;
    }

    private static async Task<WriteReceipt> ReadReceiptAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ReadJson<WriteReceipt>(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), "write receipt");

    /// <summary>Reads <paramref name="body"/>, the server's <paramref name="what"/>, as <typeparamref name="T"/> declares it (see <see cref="JsonOptions"/>).</summary>
    /// <exception cref="JsonException">Not JSON, or not a <paramref name="what"/>: a member missing, or null where it never is.</exception>
    private static T ReadJson<T>(byte[] body, string what)
    {
        T? read;
        try
        {
            read = JsonSerializer.Deserialize<T>(body, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new JsonException($"The server's {what} is not the JSON the API defines: {e.Message}", e.Path, e.LineNumber, e.BytePositionInLine, e);
        }

        return read ?? throw new JsonException($"The server answered with an empty {what}.");
    }

    /// <summary>Throws the problem of a response that is not a success.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistersException(await RegistersProblem.ReadAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }
}
