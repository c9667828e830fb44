using System.Globalization;

namespace Registers.Server.Hosting;

/// <summary>How read endpoints are mapped and what every read answer says about where it was read.</summary>
public static class ReadRoutes
{
    /// <summary>The header naming the tree size an answer was read at, to check it against the checkpoint of that size.</summary>
    public const string TreeSizeHeader = "Register-Tree-Size";

    /// <summary>
    /// Maps a read endpoint for GET and HEAD (a HEAD answer has the GET answer's headers and no body). It may answer 400
    /// (the problem names the parameter): for a number or hash it parses, and for a query parameter it does not take but
    /// another read does (<see cref="UntakenQueryParameters"/>).
    /// </summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler)
            .AddEndpointFilterFactory(UntakenQueryParameters.Check)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>Declares the problems every read of a register may answer: 404 (no such register, or nothing of that name in it) and 406.</summary>
    public static RouteHandlerBuilder ReadProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status406NotAcceptable);

    /// <summary>
    /// A route value with its escaped slashes unescaped: routing decodes every escape in a segment but <c>%2F</c>, so a key
    /// with a <c>/</c> (GOV.UK allowed them) arrives with its slash still escaped. A <c>%252F</c> the client sent reads the
    /// same, so where the request target can say which was sent, <see cref="RawPathValue"/> asks it.
    /// </summary>
    public static string PathValue(string routeValue) => (routeValue ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Names the tree size the answer was read at.</summary>
    public static void TreeSize(HttpContext context, long size)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[TreeSizeHeader] = size.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A 404 for something a register does not have (yet).</summary>
    public static IResult NotFound(string title, string detail) => Problems.Result(StatusCodes.Status404NotFound, title, detail);

    /// <summary>The 404 for a tree size beyond the log's.</summary>
    public static IResult NoSuchSize(string register, long size, long actual) =>
        NotFound("No such tree size", $"'{register}' has {actual} entries; there is no tree of {size} yet.");
}
