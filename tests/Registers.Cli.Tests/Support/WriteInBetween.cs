namespace Registers.Cli.Tests.Support;

/// <summary>
/// Passes requests on to a real server over sockets, and just before the write of number <paramref name="beforeWrite"/>
/// (1-based, counting POSTs) is passed on, runs <paramref name="otherWrite"/>: another custodian's write landing between
/// two of a command's, so the command's <c>If-Match</c> size is one behind.
/// </summary>
internal sealed class WriteInBetween(int beforeWrite, Action otherWrite) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _writes;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && ++_writes == beforeWrite)
        {
            otherWrite();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
