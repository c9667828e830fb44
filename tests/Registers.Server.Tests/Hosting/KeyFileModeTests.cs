using System.Runtime.Versioning;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// A key file others can read is a secret already half given away: the server still starts (permissions may be
/// managed otherwise), but says which file it is and how to close it.
/// </summary>
public sealed class KeyFileModeTests(PostgresCluster cluster)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData("admin-key", "Registers:AdminKeyFile")]
    [InlineData("log-key", "Registers:LogKeyFile")]
    public async Task A_key_file_others_can_read_is_named_at_start_with_the_chmod_that_closes_it(string readable, string setting)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
            return;
        }

        var folder = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        try
        {
            WriteKey(folder, "admin-key", readable == "admin-key" ? OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead : OwnerOnly);
            WriteKey(folder, "log-key", readable == "log-key" ? OwnerOnly | UnixFileMode.GroupRead : OwnerOnly);
            var readablePath = Path.Combine(folder, readable);

            using var server = await ServerProcess.StartAsync(await cluster.CreateDatabaseAsync(), folder);

            var warning = Assert.Single(server.Output.Split('\n'), line => line.Contains(readablePath, StringComparison.Ordinal));
            Assert.Contains(setting, warning, StringComparison.Ordinal);
            Assert.Contains($"chmod 600 {readablePath}", warning, StringComparison.Ordinal);
            var other = Path.Combine(folder, readable == "admin-key" ? "log-key" : "admin-key");
            Assert.DoesNotContain(other, server.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Key_files_made_on_first_start_start_again_without_a_warning()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
            return;
        }

        var folder = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        try
        {
            var database = await cluster.CreateDatabaseAsync();
            using (var first = await ServerProcess.StartAsync(database, folder))
            {
                await first.StopAsync();
            }

            using var again = await ServerProcess.StartAsync(database, folder);

            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(folder, "admin-key")));
            Assert.DoesNotContain("chmod", again.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void WriteKey(string folder, string name, UnixFileMode mode)
    {
        var path = Path.Combine(folder, name);
        using (var key = SignerKey.Generate("registers.test/" + name))
        {
            File.WriteAllText(path, key.ExportPrivateKey() + "\n");
        }

        File.SetUnixFileMode(path, mode);
    }
}
