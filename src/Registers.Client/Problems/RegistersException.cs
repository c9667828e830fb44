using System.Net;

namespace Registers.Client.Problems;

/// <summary>The server answered a request with an error: <see cref="Problem"/> says what, as the server put it.</summary>
/// <remarks>
/// Failures to reach the server at all (connection refused, reset, timed out) are not this exception: they stay
/// <see cref="HttpRequestException"/> and <see cref="TaskCanceledException"/>, as <see cref="HttpClient"/> throws them.
/// </remarks>
public sealed class RegistersException : Exception
{
    /// <summary>An exception for <paramref name="problem"/>.</summary>
    public RegistersException(RegistersProblem problem)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).ToString())
    {
        Problem = problem;
    }

    /// <summary>What the server said.</summary>
    public RegistersProblem Problem { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode => Problem.Status;

    /// <summary>True for answers that a later try of the same request may not get: 429, 502, 503, 504.</summary>
    public bool IsTransient => IsTransientStatus(StatusCode);

    /// <summary>Whether <paramref name="status"/> is one a later try of the same request may not get: 429, 502, 503, 504.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
