using System.Text;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>A load whose client is slow to send it holds up nobody else's writes to the register while it arrives.</summary>
public sealed class SlowLoadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_write_to_a_register_whose_load_is_still_arriving_is_not_held_up_by_it_and_the_load_then_commits()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(server, "thing");
        var body = Encoding.UTF8.GetBytes(Rsf(200));
        using var upload = new HeldBackContent(body, body.Length / 2, "application/uk-gov-rsf");

        var loading = server.Client.PostAsync("/registers/thing/rsf", upload);
        try
        {
            await upload.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(TimeSpan.FromSeconds(1)); // the server has had the first half, and waits for the rest

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var append = await server.Client.PostAsJsonAsync("/registers/thing/entries", new
            {
                entries = new[] { new { key = "other", item = new Dictionary<string, string> { ["thing"] = "other", ["name"] = "meanwhile" } } },
            }, patience.Token);

            Assert.Equal(HttpStatusCode.OK, append.StatusCode);
            Assert.Equal(1, (await append.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("first-entry").GetInt64());
        }
        finally
        {
            upload.Release();
        }

        var loaded = await loading;
        Assert.True(loaded.IsSuccessStatusCode, await loaded.Content.ReadAsStringAsync());
        var user = (await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal((2L, 201L), (user.GetProperty("first-entry").GetInt64(), user.GetProperty("size").GetInt64()));
    }

    /// <summary><paramref name="count"/> user entries for the register "thing".</summary>
    internal static string Rsf(int count)
    {
        var rsf = new RsfBuilder();
        for (var i = 1; i <= count; i++)
        {
            rsf.User($"K{i}", $"2024-01-01T00:{i / 60:00}:{i % 60:00}Z", $"{{\"name\":\"value {i}\",\"thing\":\"K{i}\"}}");
        }

        return rsf.ToString();
    }
}
