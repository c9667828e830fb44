using System.Globalization;

namespace Registers.Client.Reads;

/// <summary>
/// Reads an answer into memory, but no more of it than a limit: HttpClient's own buffering would hold up to 2 GB of
/// whatever a server sends, and a client checking a server it does not trust should not hold what that server likes.
/// </summary>
internal static class BoundedAnswer
{
    /// <summary>
    /// Replaces <paramref name="response"/>'s content with its bytes, read up to <paramref name="limit"/> within
    /// <paramref name="timeout"/> (the client's <see cref="HttpClient.Timeout"/>, which stops at the headers once the body is
    /// read here), and at least as fast as <paramref name="minimum"/>; a declared length past the limit is refused before the body is read.
    /// </summary>
    /// <exception cref="HttpRequestException"><see cref="HttpRequestError.ConfigurationLimitExceeded"/>: the answer is longer;
    /// or the answer broke off (its <see cref="HttpRequestError"/>, as HttpClient reports one that breaks while it buffers).</exception>
    /// <exception cref="TaskCanceledException">The body did not arrive within the timeout (a <see cref="TimeoutException"/> inside, as HttpClient throws).</exception>
    /// <exception cref="Problems.SlowDownloadException">The body came slower than <paramref name="minimum"/>.</exception>
    public static async Task BufferAsync(HttpResponseMessage response, long limit, TimeSpan timeout, DownloadRate? minimum, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content.Headers.ContentLength > limit)
        {
            throw TooLong(response, limit);
        }

        await using var pace = new DownloadPace(minimum, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(pace.Token);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(timeout);
        }

        var bytes = new MemoryStream();
        try
        {
            await using var body = await content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit + 1 - bytes.Length)), deadline.Token).ConfigureAwait(false)) > 0)
            {
                bytes.Write(buffer, 0, read);
                pace.Read(read);
                if (bytes.Length > limit)
                {
                    throw TooLong(response, limit);
                }
            }
        }
        catch (Exception cut) when (pace.TooSlow && !cancellationToken.IsCancellationRequested && cut is OperationCanceledException or IOException)
        {
            throw pace.Failure(response.RequestMessage);
        }
        catch (OperationCanceledException late) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaskCanceledException($"The answer's body did not arrive within {timeout.TotalSeconds:0.#} s.", new TimeoutException(late.Message, late));
        }
        catch (HttpIOException broken)
        {
            // As an HttpRequestException, what a read that may be tried again is recognised by.
            throw new HttpRequestException(broken.HttpRequestError, broken.Message, broken);
        }

        var buffered = new ByteArrayContent(bytes.GetBuffer(), 0, (int)bytes.Length);
        foreach (var (name, values) in content.Headers.NonValidated)
        {
            buffered.Headers.TryAddWithoutValidation(name, values);
        }

        buffered.Headers.ContentLength = bytes.Length;
        response.Content = buffered;
        content.Dispose();
    }

    private static HttpRequestException TooLong(HttpResponseMessage response, long limit) =>
        new(HttpRequestError.ConfigurationLimitExceeded, string.Create(CultureInfo.InvariantCulture,
            $"The answer to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} is longer than {limit:N0} bytes, the most the client reads of one (RegistersClientOptions.MaxAnswerBytes)."));
}
