using System.Globalization;
using System.Net;

namespace Registers.Server.Hosting;

/// <summary>
/// Where the server listens: wherever the operator chose by any of ASP.NET Core's own settings, else the default port.
/// An address Kestrel could not listen on is refused before anything starts, in one line naming the option.
/// </summary>
internal static partial class ListenAddresses
{
    // Any of these chooses the addresses; each alone must be left to work, as a container image sets only the ports.
    private static readonly string[] Choices = [WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey];

    /// <summary>Listens on <c>http://localhost:<paramref name="defaultPort"/></c> unless the configuration chose where.</summary>
    /// <exception cref="StartupException">An address given cannot be listened on; the message names it and the option.</exception>
    public static void Configure(WebApplicationBuilder builder, int defaultPort)
    {
        var configuration = builder.Configuration;
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            Require(urls);
        }
        else if (!Choices.Any(choice => !string.IsNullOrEmpty(configuration[choice])) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{defaultPort}"));
        }
    }

    /// <summary>
    /// Warns of each address given whose host is a name other than <c>localhost</c>: Kestrel does not look names up, and
    /// listens on every network interface for one (ASP.NET Core's documented behaviour), where the operator may have meant
    /// one interface. Not refused: a name there is how some deployments mean every interface, and they keep working.
    /// </summary>
    public static void WarnOfNamedHosts(IConfiguration configuration, ILogger logger)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is not { Length: > 0 } urls)
        {
            return;
        }

        foreach (var address in Split(urls))
        {
            if (TryParse(address) is { IsUnixPipe: false, IsNamedPipe: false } parsed && IsName(parsed.Host))
            {
                var everywhere = string.Create(CultureInfo.InvariantCulture, $"{parsed.Scheme}://0.0.0.0:{parsed.Port}");
                LogNamedHost(logger, address, parsed.Host, everywhere);
            }
        }
    }

    /// <summary>Whether Kestrel takes <paramref name="host"/> as a name, which it binds on every interface: not localhost, an IP address or a wildcard.</summary>
    private static bool IsName(string host) =>
        host is not ("*" or "+") && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(host.Trim('[', ']'), out _);

    [LoggerMessage(Level = LogLevel.Warning, Message = "--urls gives {Address}, but Kestrel does not look up host names such as '{Host}': it listens there on every network interface, " +
                                                       "as for {Everywhere}. Give {Everywhere} to mean every interface, or an interface's IP address (or localhost) to listen on that one alone.")]
    private static partial void LogNamedHost(ILogger logger, string address, string host, string everywhere);

    private static IEnumerable<string> Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static BindingAddress? TryParse(string address)
    {
        try
        {
            return BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Kestrel finds these only when it binds, after the private cluster has started, and says so in a stack trace.
    private static void Require(string urls)
    {
        var unusable = Split(urls).Where(address => !Usable(address)).ToList();
        if (unusable.Count > 0)
        {
            throw new StartupException(
                $"{string.Join(", ", unusable.Select(address => $"'{address}'"))} (--urls, or ASPNETCORE_URLS) cannot be listened on: give http:// or https://, " +
                "a host and a port from 0 to 65535, such as http://localhost:5080 or http://0.0.0.0:5080, and separate several with ';'.");
        }
    }

    private static bool Usable(string address)
    {
        if (TryParse(address) is not { } parsed)
        {
            return false;
        }

        return (string.Equals(parsed.Scheme, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(parsed.Scheme, "https", StringComparison.OrdinalIgnoreCase))
               && (parsed.IsUnixPipe || parsed.IsNamedPipe || parsed.Port is >= 0 and <= IPEndPoint.MaxPort);
    }
}
