namespace Registers.Cli.Writes;

/// <summary>Why a server could not be reached, in the words of every exception inside the failure, not only the outermost.</summary>
internal static class ConnectionFailure
{
    /// <summary>
    /// The failure's message followed by those of the exceptions it wraps, which say what went wrong: "The SSL connection
    /// could not be established, see inner exception." alone tells the user nothing they can act on.
    /// </summary>
    public static string Describe(Exception failure)
    {
        var messages = new List<string>();
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            var message = cause.Message.Replace(", see inner exception", "", StringComparison.Ordinal).TrimEnd('.', ' ');
            if (message.Length > 0 && !messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages);
    }
}
