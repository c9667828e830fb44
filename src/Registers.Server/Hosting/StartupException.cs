namespace Registers.Server.Hosting;

/// <summary>
/// A reason the server cannot start that the operator can fix: the message names the problem and the setting
/// (or option) to change, and is printed as it is, without a stack trace.
/// </summary>
public sealed class StartupException : Exception
{
    /// <summary>A start-up failure described by <paramref name="message"/>.</summary>
    public StartupException(string message)
        : base(message)
    {
    }

    /// <summary>A start-up failure described by <paramref name="message"/>, caused by <paramref name="cause"/>.</summary>
    public StartupException(string message, Exception cause)
        : base(message, cause)
    {
    }

    /// <summary>Not for use: a start-up failure always says what failed.</summary>
    public StartupException()
        : base("The server could not start.")
    {
    }
}
