using System.Globalization;
using System.Net;

namespace Registers.Server.Hosting;

/// <summary>
/// Where the server listens: wherever the operator chose by any of ASP.NET Core's own settings, else the default port.
/// An address Kestrel could not listen on is refused before anything starts, in one line naming the option.
/// </summary>
internal static class ListenAddresses
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

    // Kestrel finds these only when it binds, after the private cluster has started, and says so in a stack trace.
    private static void Require(string urls)
    {
        var unusable = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(address => !Usable(address)).ToList();
        if (unusable.Count > 0)
        {
            throw new StartupException(
                $"{string.Join(", ", unusable.Select(address => $"'{address}'"))} (--urls, or ASPNETCORE_URLS) cannot be listened on: give http:// or https://, " +
                "a host and a port from 0 to 65535, such as http://localhost:5080 or http://0.0.0.0:5080, and separate several with ';'.");
        }
    }

    private static bool Usable(string address)
    {
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        return (string.Equals(parsed.Scheme, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(parsed.Scheme, "https", StringComparison.OrdinalIgnoreCase))
               && (parsed.IsUnixPipe || parsed.IsNamedPipe || parsed.Port is >= 0 and <= IPEndPoint.MaxPort);
    }
}
