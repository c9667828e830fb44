using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Registers.Server.Hosting;

namespace Registers.Server.Web;

/// <summary>
/// The read-only page for people, at <c>/ui/</c>: static files built into the server (so it needs no content root),
/// which read the JSON API and check proofs and checkpoint signatures in the browser. A browser opening <c>/</c>
/// is sent there, and one opening a register's own host (<c>&lt;name&gt;.&lt;domain&gt;/</c>) to that register's view;
/// every other client still gets the JSON register list, or the register, at <c>/</c>.
/// </summary>
public static class RegisterPages
{
    /// <summary>Where the page is served.</summary>
    public const string Path = "/ui";

    // The page runs only its own scripts and styles and talks only to this server.
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Sends browsers from <c>/</c> to the page and serves the page's files.</summary>
    public static IApplicationBuilder UseRegisterPages(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(RegisterPages).Assembly, typeof(RegisterPages).Namespace + ".ui");
        app.Use((context, next) =>
        {
            var request = context.Request;
            var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

            // The folder's own redirect (/ui to /ui/) would name the scheme and path received, not those behind a proxy.
            if (isRead && (request.Path == Path || (request.Path == "/" && PrefersHtml(request))))
            {
                context.Response.Redirect(ClientTarget.PathOf(context, Path + "/") + (request.Path == Path ? request.QueryString : ""));
                return Task.CompletedTask;
            }

            if (isRead && RegisterAddressing.RegisterOfHostRoot(context) is { } register && PrefersHtml(request))
            {
                context.Response.Redirect(ClientTarget.PathOf(context, Path + "/") + QueryString.Create("register", register));
                return Task.CompletedTask;
            }

            // The page is read-only: another method is a 405 naming the ones it answers, not a path served nowhere.
            if (!isRead && request.Path.StartsWithSegments(Path))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET, HEAD";
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.CacheControl = "no-cache"; // revalidated, so a new server version is seen at once
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer"; // the page's addresses name what a person looks up
            },
        });
    }

    /// <summary>Whether the client ranks HTML above JSON, as a browser navigating does (curl and API clients do not).</summary>
    private static bool PrefersHtml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double QualityOf(string type) => accept
            .Where(range => range.MediaType == type || range.MediaType == "*/*" || range.MediaType == type[..type.IndexOf('/', StringComparison.Ordinal)] + "/*")
            .Select(range => range.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();
        return accept.Any(range => range.MediaType == "text/html") && QualityOf("text/html") > QualityOf("application/json");
    }
}
