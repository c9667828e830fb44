namespace Registers.Server.Hosting;

/// <summary>Headers set on every answer before anything else runs, so errors and every format carry them too.</summary>
internal static class CommonHeaders
{
    /// <summary>The API reference page's path: the one page the server serves that is not <c>RegisterPages</c>' own.</summary>
    private const string ReferencePath = "/scalar";

    /// <summary>
    /// Says no answer is to be sniffed as another type (a JSON or CSV value must never run as HTML), and that the API
    /// reference page is not to be framed by other sites, for browsers that know no Content-Security-Policy
    /// (<see cref="ReferencePagePolicy"/> sets the page's).
    /// </summary>
    public static IApplicationBuilder UseCommonHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Path.StartsWithSegments(ReferencePath))
        {
            headers.XFrameOptions = "DENY";
        }

        return next(context);
    });
}
