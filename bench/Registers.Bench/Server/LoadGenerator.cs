namespace Registers.Bench.Server;

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> workers, each on a thread of its own with its own keep-alive
/// connection, send GETs from a list of operations encoded before the clock starts, reading every answer in full.
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
            // Each operation blocks its worker's thread and completes before it returns (ClosedLoop gives each worker a thread).
            return await ClosedLoop.RunAsync(connections, (worker, i) =>
                Task.FromResult(requests[(int)(i % requests.Length)].All(workers[worker].Get)), warmUp, window);
        }
        finally
        {
            foreach (var connection in workers)
            {
                connection.Dispose();
            }
        }
    }
}
