namespace Registers.Server.Records;

/// <summary>
/// The cancellation of a statement that answers several requests at once: cancelled once every one of them has been
/// given up (its client went away), or when the server stops. One client going away must not cancel the others'
/// answers, and a statement nobody waits for any more must not go on holding a connection and whatever it waits on.
/// </summary>
internal sealed class BatchCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration[] _registrations;
    private int _waiting;

    /// <summary>Watches <paramref name="requests"/> (one token for each request the statement answers) and <paramref name="stopping"/>.</summary>
    public BatchCancellation(IReadOnlyList<CancellationToken> requests, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(requests);
        _source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _waiting = requests.Count;
        _registrations = [.. requests.Select(request => request.Register(GaveUp))]; // one given up already counts at once
    }

    /// <summary>The statement's token.</summary>
    public CancellationToken Token => _source.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose(); // waits for a callback under way, so none cancels a disposed source
        }

        _source.Dispose();
    }

    private void GaveUp()
    {
        if (Interlocked.Decrement(ref _waiting) == 0)
        {
            _source.Cancel();
        }
    }
}
