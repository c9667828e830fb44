using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>The settings files beside the server are its own, wherever it is started from.</summary>
public sealed class SettingsFileTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_settings_file_beside_the_server_is_read_when_it_is_started_from_another_folder()
    {
        // An environment of this test's own names a settings file no other run reads: appsettings.<environment>.json.
        var environment = "SettingsFileTest" + Guid.NewGuid().ToString("N")[..8];
        var settingsFile = Path.Combine(ServerExit.ServerFolder, $"appsettings.{environment}.json");
        var elsewhere = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        await File.WriteAllTextAsync(settingsFile, """{ "Registers": { "MaxBodyBytes": -7 } }""");
        try
        {
            var outcome = await ServerExit.RunInAsync(
                elsewhere,
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment },
                $"--ConnectionStrings:Registers={await cluster.CreateDatabaseAsync()}",
                $"--Registers:DataDirectory={Path.Combine(elsewhere, "data")}",
                "--urls=http://127.0.0.1:0");

            FailedStartTests.AssertOneLineFailure(outcome, "Registers:MaxBodyBytes", "-7");
        }
        finally
        {
            File.Delete(settingsFile);
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
