namespace Registers.Server.Hosting;

/// <summary>
/// A write's failure met before it began to store anything (its cause is the inner exception): the answer can then say that
/// nothing was stored and that sending it again is safe, which an answer to a failure during the write cannot know.
/// </summary>
public sealed class NothingStoredException : Exception
{
    /// <summary>A failure before the write began, caused by <paramref name="cause"/>.</summary>
    public NothingStoredException(Exception cause)
        : base(cause?.Message, cause)
    {
    }

    /// <summary>A failure before the write began, described by <paramref name="message"/>.</summary>
    public NothingStoredException(string message)
        : base(message)
    {
    }

    /// <summary>A failure before the write began, described by <paramref name="message"/> and caused by <paramref name="cause"/>.</summary>
    public NothingStoredException(string message, Exception cause)
        : base(message, cause)
    {
    }

    /// <summary>Not for use: the failure always has a cause.</summary>
    public NothingStoredException()
        : base("The write failed before anything of it was stored.")
    {
    }
}
