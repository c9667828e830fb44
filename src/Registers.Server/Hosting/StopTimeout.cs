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
    public static void Configure(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ShutdownTimeoutKey]))
        {
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(DefaultSeconds));
        }
    }
}
