using Microsoft.Extensions.DependencyInjection;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>A load's body waits in a file of the server's data while it arrives, and the file goes when the load ends, however it ends.</summary>
public sealed class UploadFolderTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_received_load_is_deleted_after_it_commits_after_it_is_refused_and_when_its_client_breaks_off()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var folder = server.Services.GetRequiredService<UploadFolder>().Path;
        await GrowingRegister.CreateAsync(server, "thing");

        Assert.Equal(HttpStatusCode.OK, (await server.Client.LoadAsync("thing", SlowLoadTests.Rsf(10))).StatusCode);
        Assert.Empty(Directory.EnumerateFiles(folder));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await server.Client.LoadAsync("thing", "add-item\t{ \"name\":\"x\"}\n")).StatusCode);
        Assert.Empty(Directory.EnumerateFiles(folder));

        var body = System.Text.Encoding.UTF8.GetBytes(SlowLoadTests.Rsf(100));
        using var upload = new HeldBackContent(body, body.Length / 2, "application/uk-gov-rsf");
        var loading = server.Client.PostAsync("/registers/thing/rsf", upload);
        await upload.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => Directory.EnumerateFiles(folder).Any());
        upload.Abandon();
        await Assert.ThrowsAnyAsync<Exception>(() => loading);
        await WaitUntilAsync(() => !Directory.EnumerateFiles(folder).Any());
        Assert.Equal(10, (await server.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/registers/thing/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64());
    }

    [Fact]
    public async Task A_load_still_arriving_is_kept_where_only_the_servers_user_can_read_it()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        await using var server = await RunningServer.StartAsync(cluster);
        var folder = server.Services.GetRequiredService<UploadFolder>().Path;
        await GrowingRegister.CreateAsync(server, "thing");
        var body = System.Text.Encoding.UTF8.GetBytes(SlowLoadTests.Rsf(100));
        using var upload = new HeldBackContent(body, body.Length / 2, "application/uk-gov-rsf");
        var loading = server.Client.PostAsync("/registers/thing/rsf", upload);
        await upload.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => Directory.EnumerateFiles(folder).Any());

        var others = ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(folder) & others);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Directory.EnumerateFiles(folder).Single()) & others);
        upload.Release();
        Assert.Equal(HttpStatusCode.OK, (await loading).StatusCode);
    }

    [Fact]
    public async Task A_load_the_data_folder_has_no_room_for_is_a_507_and_nothing_is_written()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Assert.Skip("fills a small tmpfs mounted on the uploads folder: root on Linux");
            return;
        }

        await using var server = await RunningServer.StartAsync(cluster);
        var folder = server.Services.GetRequiredService<UploadFolder>().Path;
        await GrowingRegister.CreateAsync(server, "thing");
        if (await RunAsync("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder) != 0)
        {
            Assert.Skip("mount refused a tmpfs here (a container without the capability)");
            return;
        }

        try
        {
            var response = await server.Client.LoadAsync("thing", SlowLoadTests.Rsf(2000));

            var problem = await response.AssertProblemAsync(507, null);
            Assert.StartsWith("Nothing was written: the server's data folder has no room", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(folder));
            Assert.Equal(0, (await server.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/registers/thing/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64());
        }
        finally
        {
            await RunAsync("umount", folder);
        }
    }

    private static async Task<int> RunAsync(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    [Fact]
    public async Task Files_a_crashed_server_left_in_the_folder_are_deleted_when_the_next_one_starts()
    {
        var options = new ServerOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "registers-uploads-" + Guid.NewGuid().ToString("N")[..12]) };
        try
        {
            var leftOver = Path.Combine(new UploadFolder(options).Path, "left-over.rsf");
            await File.WriteAllTextAsync(leftOver, "add-item\t{}\n");

            Assert.Empty(Directory.EnumerateFiles(new UploadFolder(options).Path));
        }
        finally
        {
            Directory.Delete(options.DataDirectory, recursive: true);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the folder did not change in time");
            await Task.Delay(50);
        }
    }
}
