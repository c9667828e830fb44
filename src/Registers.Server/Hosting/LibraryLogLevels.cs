namespace Registers.Server.Hosting;

/// <summary>Keeps the libraries' working out of the log at the default level, so an operator reads what the server did.</summary>
public static class LibraryLogLevels
{
    private const string Marten = "Marten";

    /// <summary>Where Wolverine says, at every start, that it found no message handlers.</summary>
    private const string HandlerDiscovery = "Wolverine.Configuration.HandlerDiscovery";

    /// <summary>
    /// Marten logs every schema statement it runs at Information: hundreds of lines of SQL at a first start, where the server
    /// says in one line that the schema was brought up; its warnings and errors still show. Set in code, so it holds without
    /// the settings file; a level configured for <c>Marten</c> (Logging:LogLevel:Marten) is kept instead. Wolverine's
    /// warning at every start that it found no message handlers is kept out.
    /// </summary>
    public static void Quiet(ILoggingBuilder logging, IConfiguration configuration)
    {
        if (configuration[$"Logging:LogLevel:{Marten}"] is null)
        {
            logging.AddFilter(Marten, LogLevel.Warning);
        }

        // Wolverine runs only HTTP endpoints here (MediatorOnly): having no message handlers is the design, not a mistake to warn of.
        logging.AddFilter(HandlerDiscovery, LogLevel.Error);
    }
}
