using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// Settings files are read once at start-up. Watching them for changes watches the content root's whole tree, and
/// outside a checkout that holds the database's folder, whose every write would then wake the server.
/// </summary>
public sealed class ConfigurationReadOnceTests(PostgresCluster cluster)
{
    [Fact]
    public async Task No_settings_file_is_watched_for_changes()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().Select(provider => provider.Source).ToList();

        Assert.Contains(files, source => source.Path == "appsettings.json");
        Assert.All(files, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched"));
    }
}
