namespace Registers.Server.Writes;

/// <summary>A JSON write refused as its body would take its key past <see cref="BodyBytesPerKey.PerKey"/>; answered with 429.</summary>
public sealed class TooManyBodyBytesException(string message) : Exception(message)
{
    /// <summary>The problem's title.</summary>
    public const string Title = "Too many writes arriving at once";

    /// <summary>A body of <paramref name="declaredLength"/> bytes refused before any of it was read.</summary>
    public static TooManyBodyBytesException Before(long declaredLength, long perKey) => new(
        $"Nothing of this write was read or written: its {declaredLength} bytes would take this key's JSON write bodies arriving or being "
        + $"written past {perKey} bytes, the most one key may have at once. {Again}");

    /// <summary>A body of no stated length refused once <paramref name="received"/> bytes of it had arrived.</summary>
    public static TooManyBodyBytesException WhileArriving(long received, long perKey) => new(
        $"Nothing was written: this body, sent without a Content-Length, grew to {received} bytes, taking this key's JSON write bodies "
        + $"arriving or being written past {perKey} bytes, the most one key may have at once. {Again}");

    private static string Again => $"Send it again in {BodyBytesPerKey.RetryAfterSeconds} s, or once one of the others has been answered.";
}
