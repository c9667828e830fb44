using System.Globalization;
using System.Net.Http.Headers;

namespace Registers.Client.Reads;

/// <summary>
/// Reads an answer into memory, but no more of it than a limit: HttpClient's own buffering would hold up to 2 GB of
/// whatever a server sends, and a client checking a server it does not trust should not hold what that server likes.
/// </summary>
internal static class BoundedAnswer
{
    /// <summary>
    /// Replaces <paramref name="response"/>'s content with its bytes, read up to <paramref name="limit"/>; a declared length
    /// past the limit is refused before the body is read.
    /// </summary>
    /// <exception cref="HttpRequestException"><see cref="HttpRequestError.ConfigurationLimitExceeded"/>: the answer is longer.</exception>
    public static async Task BufferAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content.Headers.ContentLength > limit)
        {
            throw TooLong(response, limit);
        }

        using var bytes = new MemoryStream();
        await using (var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit + 1 - bytes.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                bytes.Write(buffer, 0, read);
                if (bytes.Length > limit)
                {
                    throw TooLong(response, limit);
                }
            }
        }

        var buffered = new ByteArrayContent(bytes.ToArray());
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
