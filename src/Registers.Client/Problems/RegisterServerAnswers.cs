using System.Net;
using Registers.Protocol.Checkpoints;

namespace Registers.Client.Problems;

/// <summary>
/// Tells an answer of a register server from one of some other web server, before it is read as the API's: a register
/// server never answers the client with a web page, answers every 404 and 405 with problem details, naming the path
/// of a 404 no endpoint answered, never answers 501 (a plain web server's answer to a method it does not serve), and never
/// serves a checkpoint that is no signed note. Without this, a wrong address reads as a register that does not exist, or a
/// checkpoint that does not verify.
/// </summary>
internal static class RegisterServerAnswers
{
    private static readonly string[] WebPages = ["text/html", "application/xhtml+xml"];

    /// <summary>
    /// Set on a request for a resource servers older than it lack: their 404 problem naming the path as unserved is the
    /// answer (they have none), not a sign that the address is wrong.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> NewerResource = new("Registers.NewerResource");

    /// <summary>Throws unless <paramref name="response"/>, the answer to <paramref name="request"/>, is one a register server gives.</summary>
    /// <exception cref="NotARegisterServerException">A web page, a 404, 405 or 501 without problem details, or a 404 for a path the server never serves.</exception>
    public static async Task EnsureFromRegisterServerAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var asked = $"{request.Method} {request.RequestUri}";
        var status = Status(response);
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
                throw new NotARegisterServerException($"{asked} answered {status}, without the problem details a register server gives")
                {
                    StatusCode = response.StatusCode,
                };
            }

            // A register server serving nothing at the path: the address names a path below it the API is not at.
            if (problem.UnservedPath is { } path && !(request.Options.TryGetValue(NewerResource, out var newer) && newer))
            {
                throw new NotARegisterServerException($"{asked} answered {status}: a register server, serving nothing at {path}")
                {
                    StatusCode = response.StatusCode,
                };
            }
        }
    }

    /// <summary>
    /// <paramref name="text"/>, the body of <paramref name="response"/> to <paramref name="asked"/> (<c>GET uri</c>), a request
    /// for a signed note (a checkpoint), unless it is not even shaped as one: a register server's always parses, so such an
    /// answer (another service's JSON or "OK" at a wrong address) is no register server's, not a forgery to report as a bad
    /// signature.
    /// </summary>
    /// <exception cref="NotARegisterServerException">The text does not parse as a signed note.</exception>
    public static string SignedNote(string asked, HttpResponseMessage response, string text)
    {
        // No keys: only the note's shape is read here; its signatures are the trust's to check.
        var shape = new NoteVerifier().Verify(text);
        if (shape.Failure != VerificationFailure.MalformedNote)
        {
            return text;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no media type";
        throw new NotARegisterServerException(
            $"{asked} answered {Status(response)} ({mediaType}), which is {shape}");
    }

    private static string Status(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
}
