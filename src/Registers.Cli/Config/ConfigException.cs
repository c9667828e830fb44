namespace Registers.Cli.Config;

/// <summary>The configuration is missing something or holds something wrong; the message says what and where to set it.</summary>
internal sealed class ConfigException(string message) : Exception(message);
