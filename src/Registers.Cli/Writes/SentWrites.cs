namespace Registers.Cli.Writes;

/// <summary>
/// Notes whether a command has sent a write (any request but a read) to the server, so that an interrupted command can say
/// whether the server may have taken something from it or nothing was sent: an import or load stopped while it checks its
/// file has sent nothing. A write counts from when it starts out, whether or not its answer came back.
/// </summary>
internal sealed class SentWrites(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private volatile bool _any;

    /// <summary>Whether a write was sent, or began to be.</summary>
    public bool Any => _any;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            _any = true;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
