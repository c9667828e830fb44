namespace Registers.Bench.Server;

/// <summary>
/// Start-up to the first answered request on an initialised data folder: as <c>dotnet run</c> starts it with no
/// configuration (the server starts its own private PostgreSQL), beside the same server given a database that
/// is already running. Starts of the two kinds alternate. Also the server's peak working set at its first answer.
/// </summary>
internal static class StartUpBenchmark
{
    public static async Task<IReadOnlyList<Row>> RunAsync(ServerSizes sizes, string connectedData, string connectionString, string ownData, List<string> notes)
    {
        // The first start on a new folder creates the cluster, the keys and the schema: not what is measured.
        await (await BenchServer.StartAsync(ownData, connectionString: null)).DisposeAsync();

        var (own, connected, peaks) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < sizes.Starts; i++)
        {
            own.Add((await StartOnceAsync(ownData, null)).Seconds);
            var (seconds, peakMb) = await StartOnceAsync(connectedData, connectionString);
            connected.Add(seconds);
            peaks.Add(peakMb);
        }

        notes.Add($"start-up: process start to the first answer of {Endpoints.LogKey} (polled every 10 ms), stopped with SIGTERM between starts; "
            + $"own PostgreSQL: {string.Join(", ", own.Select(s => $"{s:N2}"))} s; PostgreSQL already running: {string.Join(", ", connected.Select(s => $"{s:N2}"))} s.");
        var median = Measure.Median(own);
        return
        [
            new Row($"start-up to first answer, median of {sizes.Starts} (server starts its own PostgreSQL)", median, "s",
                Measure.Median(connected), "s with PostgreSQL running", "< 2 s", median < 2),
            new Row($"{LoadBenchmark.PeakFigure} start-up (to the first answer, PostgreSQL running)", Measure.Median(peaks), "MB", double.NaN, "", "", null),
        ];
    }

    private static async Task<(double Seconds, double PeakMb)> StartOnceAsync(string dataDirectory, string? connectionString)
    {
        await using var server = await BenchServer.StartAsync(dataDirectory, connectionString);
        return (server.StartSeconds, server.PeakWorkingSetBytes / 1e6);
    }
}
