using Registers.Server.Hosting;

namespace Registers.Server.Tests.Routing;

/// <summary>A link made from the target as the client sent it keeps its escapes and escapes what a URI cannot hold.</summary>
public sealed class RequestTargetTests
{
    [Theory]
    [InlineData("/records/name/100%2541", "/records/name/100%2541")]
    [InlineData("/records/name/a%2Fb.csv", "/records/name/a%2Fb.csv")]
    [InlineData("/records/name/%c3%9c", "/records/name/%c3%9c")]
    [InlineData("/records/name/\u00dcmlaut Land", "/records/name/%C3%9Cmlaut%20Land")]
    [InlineData("/records/name/<\"50%\">", "/records/name/%3C%2250%25%22%3E")]
    [InlineData("/records/name/\U0001F600", "/records/name/%F0%9F%98%80")]
    public void Forms_a_uri_path_keeping_the_clients_escapes(string sent, string link) =>
        Assert.Equal(link, RequestTarget.ForUri(sent));
}
