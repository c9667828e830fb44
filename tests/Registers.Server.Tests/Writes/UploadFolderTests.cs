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
