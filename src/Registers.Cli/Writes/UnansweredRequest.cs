using System.Globalization;
using Registers.Client.Problems;

namespace Registers.Cli.Writes;

/// <summary>
/// A request the server gave no whole answer to: it could not be reached, did not answer within the request timeout, or
/// sent its answer slower than the client's minimum rate. Each is said as what happened: a server that was reached but
/// was slow is not one that could not be reached.
/// </summary>
internal static class UnansweredRequest
{
    /// <summary>Whether <paramref name="failure"/> is such a request's (not a Ctrl-C, which <paramref name="cancellationToken"/> tells).</summary>
    public static bool Is(Exception failure, CancellationToken cancellationToken) =>
        failure is HttpRequestException || (failure is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>What happened, as a clause: "the server did not answer within 5 minutes, or its answer stopped coming for that long".</summary>
    public static string Describe(Exception failure, TimeSpan timeout) => failure switch
    {
        SlowDownloadException slow => $"the server's answer came too slowly ({slow.Message})",
        // A streamed answer (a download) is given as long again for each next byte: it may have begun and then stopped.
        TaskCanceledException => $"the server did not answer within {Spoken(timeout)}, or its answer stopped coming for that long",
        _ => $"the server could not be reached ({ConnectionFailure.Describe(failure)})",
    };

    private static string Spoken(TimeSpan timeout) => timeout.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalMinutes:0.#} minutes")
        : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} s");
}
