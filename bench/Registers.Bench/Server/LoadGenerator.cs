namespace Registers.Bench.Server;

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> workers, each with its own keep-alive connection, send
/// GETs from a list of operations encoded before the clock starts, reading every answer in full.
/// An operation is one GET or several in sequence (a record, then the inclusion proof of its entry).
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<Uri[]> operations, int connections, TimeSpan warmUp, TimeSpan window)
    {
        var requests = operations.Select(operation => operation.Select(KeepAliveConnection.Encode).ToArray()).ToArray();
        var workers = Enumerable.Range(0, connections).Select(_ => new KeepAliveConnection(operations[0][0])).ToArray();
        try
        {
            return await ClosedLoop.RunAsync(connections, async (worker, i) =>
            {
                foreach (var request in requests[(int)(i % requests.Length)])
                {
                    if (!await workers[worker].GetAsync(request))
                    {
                        return false;
                    }
                }

                return true;
            }, warmUp, window);
        }
        finally
        {
            foreach (var connection in workers)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
