using Microsoft.AspNetCore.Mvc;

namespace Registers.Server.Hosting;

/// <summary>
/// The <c>type</c> of a problem whose status ASP.NET Core gives none. It fills in the RFC section of the statuses
/// RFC 9110 defines (400, 404, 413, 503, ...), but not of 429 and 431, which RFC 6585 defines, nor of 507 (RFC 4918): without this the one problem
/// a client is most likely to handle in code would be the one without a type.
/// </summary>
public static class ProblemTypes
{
    private static readonly Dictionary<int, string> Missing = new()
    {
        [StatusCodes.Status429TooManyRequests] = "https://tools.ietf.org/html/rfc6585#section-4",
        [StatusCodes.Status431RequestHeaderFieldsTooLarge] = "https://tools.ietf.org/html/rfc6585#section-5",
        [StatusCodes.Status507InsufficientStorage] = "https://tools.ietf.org/html/rfc4918#section-11.5",
    };

    /// <summary>Gives <paramref name="problem"/> the type URI of its status when it has none and the status has one here.</summary>
    public static void Complete(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Type is null && problem.Status is { } status && Missing.TryGetValue(status, out var type))
        {
            problem.Type = type;
        }
    }
}
