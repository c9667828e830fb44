using System.Globalization;

namespace Registers.Client.Reads;

/// <summary>
/// Copies a streamed answer's body (a download, never held in memory) as long as it keeps coming. HttpClient's timeout ends
/// at the headers of an answer read as a stream: a server that sends the start of a body and then nothing more, its
/// connection left open, would hold the reader for good. Each read is given the timeout afresh, so a long download that
/// keeps coming is never cut short, as long as it keeps up the client's minimum rate.
/// </summary>
internal static class StreamedBody
{
    /// <summary>
    /// Copies <paramref name="body"/>, the answer to <paramref name="request"/>, to <paramref name="destination"/>, each next
    /// byte awaited at most <paramref name="idle"/>, and the whole at least as fast as <paramref name="minimum"/>.
    /// </summary>
    /// <exception cref="TaskCanceledException">No byte came for <paramref name="idle"/> (a <see cref="TimeoutException"/> inside, as HttpClient throws).</exception>
    /// <exception cref="Problems.SlowDownloadException">The body came slower than <paramref name="minimum"/>.</exception>
    public static async Task CopyAsync(HttpRequestMessage? request, Stream body, Stream destination, TimeSpan idle, DownloadRate? minimum, CancellationToken cancellationToken)
    {
        await using var pace = new DownloadPace(minimum, cancellationToken);
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(pace.Token);
        var buffer = new byte[81920];
        try
        {
            while (true)
            {
                if (idle != Timeout.InfiniteTimeSpan)
                {
                    quiet.CancelAfter(idle);
                }

                var read = await body.ReadAsync(buffer, quiet.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                pace.Read(read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception cut) when (pace.TooSlow && !cancellationToken.IsCancellationRequested && cut is OperationCanceledException or IOException)
        {
            throw pace.Failure(request);
        }
        catch (OperationCanceledException stalled) when (quiet.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TaskCanceledException(
                string.Create(CultureInfo.InvariantCulture, $"The answer's body stopped coming: no byte of it for {idle.TotalSeconds:0.#} s."),
                new TimeoutException(stalled.Message, stalled));
        }
    }
}
