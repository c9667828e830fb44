using System.Globalization;

namespace Registers.Server.Hosting;

/// <summary>
/// How long a stop (SIGTERM, Ctrl-C) waits for requests in flight before cutting them off: <see cref="DefaultSeconds"/>
/// unless the operator sets <c>shutdownTimeoutSeconds</c> (<c>--shutdownTimeoutSeconds=20</c>, or
/// <c>DOTNET_SHUTDOWNTIMEOUTSECONDS</c>). The host's own default, 30 s, outlasts a container runtime's grace (Docker's is
/// 10 s), which then kills the server before it has stopped its private cluster; a quick read still finishes in 5 s.
/// </summary>
internal static class StopTimeout
{
    /// <summary>Seconds a stop waits for requests in flight unless configured.</summary>
    public const int DefaultSeconds = 5;

    /// <summary>Sets the host's shutdown timeout to <see cref="DefaultSeconds"/>, unless the configuration gives one.</summary>
    /// <exception cref="StartupException">The configured value is one the host would ignore, stopping after its own 30 s.</exception>
    public static void Configure(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[WebHostDefaults.ShutdownTimeoutKey];
        if (string.IsNullOrEmpty(configured))
        {
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(DefaultSeconds));
        }
        else if (!int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            // Read as the host reads it, which passes over a value it cannot read without a word.
            throw new StartupException(
                $"{WebHostDefaults.ShutdownTimeoutKey} is '{configured}' (--{WebHostDefaults.ShutdownTimeoutKey}, or DOTNET_SHUTDOWNTIMEOUTSECONDS); " +
                $"it must be a whole number of seconds, 0 or more, or left out for {DefaultSeconds}.");
        }
    }
}
