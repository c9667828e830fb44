namespace Registers.Client;

/// <summary>
/// Request URIs below the server's base address. A server may be published below a path (a reverse proxy's
/// <c>https://example.org/registers-api</c>), and <see cref="HttpClient"/> resolves a relative path as a browser does:
/// below <c>.../registers-api</c> without a trailing slash it would replace <c>registers-api</c> and ask the host's root.
/// </summary>
internal static class BaseAddressPaths
{
    /// <summary>
    /// <paramref name="path"/> (relative, as <c>registers/country/entries</c>) below <paramref name="server"/>'s path, which
    /// is taken as a folder whether or not it ends in <c>/</c>; relative as it is when there is no base address, which
    /// <see cref="HttpClient"/> then refuses, saying it needs one.
    /// </summary>
    /// <exception cref="ArgumentException">A segment of <paramref name="path"/> is <c>.</c> or <c>..</c>.</exception>
    public static Uri Below(Uri? server, string path)
    {
        // Every request's path passes here, its segments escaped from the caller's text, and escaping leaves dots: a key
        // or name "..", resolved below, would ask for another resource (records/../entries is the register's entries).
        // Escaping the dots would not help: the server's web server decodes %2E and removes dot segments before routing.
        var end = path.IndexOfAny(['?', '#']);
        if ((end < 0 ? path : path[..end]).Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException($"'{path}' holds a segment '.' or '..', which would ask for another resource.", nameof(path));
        }

        if (server is null)
        {
            return new Uri(path, UriKind.Relative);
        }

        var folder = server.AbsolutePath.EndsWith('/') ? server : new Uri(server.GetLeftPart(UriPartial.Path) + "/");
        return new Uri(folder, path);
    }
}
