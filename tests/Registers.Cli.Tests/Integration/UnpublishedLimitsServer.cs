using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A live server behind a proxy that hides its write limits: to a command, a server from before it published them, whose
/// limits are heard of only as it refuses a write (413).
/// </summary>
internal sealed class UnpublishedLimitsServer : IAsyncDisposable
{
    private readonly LiveServer _server;
    private readonly PathPrefixProxy _proxy;

    private UnpublishedLimitsServer(LiveServer server, PathPrefixProxy proxy) => (_server, _proxy) = (server, proxy);

    public TempFolder Folder => _server.Folder;

    /// <summary>Puts <paramref name="server"/> (running) behind the proxy; disposing of this disposes of both.</summary>
    public static async Task<UnpublishedLimitsServer> HideAsync(LiveServer server) =>
        new(server, await PathPrefixProxy.StartAsync(new Uri(server.Address), "", forwardsPrefix: false, "/.well-known/registers/write-limits"));

    /// <summary>Runs <c>registers</c> against the server through the proxy, as <see cref="LiveServer.Run"/> does.</summary>
    public CliRun Run(string? keyFile, params string[] args) => _server.RunAt(_proxy.Published, keyFile, args);

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _server.DisposeAsync();
    }
}
