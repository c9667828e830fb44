namespace Registers.Client.Problems;

/// <summary>
/// The address answered as no register server does: with a web page, with a 404 or 405 without the problem details
/// every refusal of a register server carries, or with a checkpoint that is no signed note. Most often the address is not the server's: a mistyped host, another web
/// server, or the path a reverse proxy publishes the server below left out.
/// </summary>
public sealed class NotARegisterServerException : Exception
{
    /// <summary>An exception saying what answered, and how.</summary>
    public NotARegisterServerException(string message)
        : base(message)
    {
    }

    /// <summary>The status of the answer, when its status (a 404 or 405 without problem details) is what gave it away; null for a web page or a body of another shape.</summary>
    public System.Net.HttpStatusCode? StatusCode { get; init; }
}
