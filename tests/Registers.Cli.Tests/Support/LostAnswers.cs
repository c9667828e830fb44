namespace Registers.Cli.Tests.Support;

/// <summary>
/// Passes requests on to a real server over sockets, but loses the answers to the first <paramref name="writesToLose"/>
/// writes (POST, PUT, DELETE) after the server has handled them, as a connection that drops just after the commit.
/// </summary>
internal sealed class LostAnswers(int writesToLose) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _lost;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Get && _lost < writesToLose)
        {
            _lost++;
            response.Dispose();
            throw new HttpRequestException("connection reset (the answer was lost after the server handled the write)");
        }

        return response;
    }
}
