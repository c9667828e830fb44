namespace Registers.Client.Problems;

/// <summary>
/// An answer's body came slower than <see cref="RegistersClientOptions.MinDownloadRate"/>: a server that trickles it (or
/// sends part of it and then nothing) would otherwise hold the client for as long as it liked. An
/// <see cref="HttpRequestException"/>, as a connection that broke off mid-answer is: try again later, or elsewhere.
/// </summary>
public sealed class SlowDownloadException : HttpRequestException
{
    internal SlowDownloadException(string message, DownloadRate minimum, long received)
        : base(HttpRequestError.Unknown, message)
    {
        Minimum = minimum;
        Received = received;
    }

    /// <summary>The rate the body had to keep up.</summary>
    public DownloadRate Minimum { get; }

    /// <summary>The bytes of the body that came in the window it fell short in.</summary>
    public long Received { get; }
}
