namespace Registers.Server.Hosting;

/// <summary>
/// The folder the settings files (<c>appsettings.json</c>) are read from: the server's own, where they are built, unless the
/// operator names another. ASP.NET Core's default, the working directory, missed them whenever the server was started from
/// another folder (a service manager's, the top of a checkout), and every setting in them was silently not applied.
/// </summary>
internal static class ContentRoot
{
    /// <summary>The server's own folder, or null when <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> names one, which the host then takes.</summary>
    public static string? Choose(string[] args)
    {
        var named = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return string.IsNullOrEmpty(named) ? AppContext.BaseDirectory : null;
    }
}
