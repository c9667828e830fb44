using System.IO.Compression;

namespace Registers.Server.Tiles;

/// <summary>
/// C2SP tlog-tiles: entry bundles SHOULD be compressed at the HTTP layer. Their leaves are JSON, repeating member names
/// and hex, and shrink to a fraction under gzip; hash tiles are random bytes and are sent as they are.
/// </summary>
internal static class BundleEncoding
{
    public const string Gzip = "gzip";

    /// <summary>Whether <paramref name="request"/>'s Accept-Encoding takes gzip: named with a quality above 0, or not named and <c>*</c> is.</summary>
    public static bool AcceptsGzip(HttpRequest request)
    {
        var codings = request.GetTypedHeaders().AcceptEncoding;
        var named = codings.FirstOrDefault(coding => string.Equals(coding.Value.Value, Gzip, StringComparison.OrdinalIgnoreCase))
            ?? codings.FirstOrDefault(coding => coding.Value.Value == "*");
        return named is not null && (named.Quality ?? 1) > 0;
    }

    /// <summary><paramref name="bundle"/> gzipped, fast rather than small: it is compressed on every request.</summary>
    public static byte[] Compress(byte[] bundle)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bundle);
        }

        return output.ToArray();
    }
}
