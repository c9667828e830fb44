using System.Net;

namespace Registers.Client.Problems;

/// <summary>
/// Tells an answer of a register server from one of some other web server, before it is read as the API's: a register
/// server never answers the client with a web page, answers every 404 and 405 with problem details, naming the path
/// of a 404 no endpoint answered, and never answers 501 (a plain web server's answer to a method it does not serve). Without this, a wrong address reads as a register that does not exist, or a checkpoint
/// that does not verify.
/// </summary>
internal static class RegisterServerAnswers
{
    private static readonly string[] WebPages = ["text/html", "application/xhtml+xml"];

    /// <summary>Throws unless <paramref name="response"/>, the answer to <paramref name="request"/>, is one a register server gives.</summary>
    /// <exception cref="NotARegisterServerException">A web page, a 404, 405 or 501 without problem details, or a 404 for a path the server never serves.</exception>
    public static async Task EnsureFromRegisterServerAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var asked = $"{request.Method} {request.RequestUri}";
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType is { } mediaType
            && WebPages.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new NotARegisterServerException($"{asked} answered with a web page ({mediaType})");
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // read again by whoever reports it
            var problem = await RegistersProblem.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (!problem.IsProblemDetails)
            {
                throw new NotARegisterServerException($"{asked} answered {status}, without the problem details a register server gives");
            }

            // A register server serving nothing at the path: the address names a path below it the API is not at.
            if (problem.UnservedPath is { } path)
            {
                throw new NotARegisterServerException($"{asked} answered {status}: a register server, serving nothing at {path}");
            }
        }
    }
}
