namespace Registers.Server.Hosting;

/// <summary>
/// The levels under <c>Logging:LogLevel</c> (and a provider's, <c>Logging:Console:LogLevel</c>), read as the logging
/// reads them: a value it cannot read would otherwise end the start with its stack trace, naming neither the setting nor the levels.
/// </summary>
internal static class LogLevelSettings
{
    private const string Section = "Logging";
    private const string LevelsKey = "LogLevel";

    /// <exception cref="StartupException">A level is not one the logging knows.</exception>
    public static void Require(IConfiguration configuration)
    {
        var logging = configuration.GetSection(Section);
        var levelSections = logging.GetChildren()
            .Select(child => child.Key.Equals(LevelsKey, StringComparison.OrdinalIgnoreCase) ? child : child.GetSection(LevelsKey));
        foreach (var levels in levelSections)
        {
            foreach (var setting in levels.AsEnumerable())
            {
                if (!string.IsNullOrEmpty(setting.Value) && !Enum.TryParse<LogLevel>(setting.Value, ignoreCase: true, out _))
                {
                    throw new StartupException(
                        $"{setting.Key} is '{setting.Value}'; a log level is one of {string.Join(", ", Enum.GetNames<LogLevel>())}.");
                }
            }
        }
    }
}
