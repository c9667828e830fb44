using Registers.Server.Downloads;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Downloads;

/// <summary>
/// An archive's directory is held in memory while it is written (some 450 bytes a file, up to 200,000 files), so only
/// <c>ConcurrentArchives</c> are written at once; one more is a 503 to try again shortly, not memory without end.
/// </summary>
public sealed class ArchiveSlotsTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_archive_asked_for_while_every_slot_is_taken_is_a_503_to_retry_and_is_served_once_one_is_free()
    {
        await using var server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?> { ["Registers:ConcurrentArchives"] = "1" });
        var register = await GrowingRegister.CreateAsync(server, "thing");
        await register.AppendBatchAsync(3);
        var slots = server.Services.GetRequiredService<ArchiveSlots>();

        HttpResponseMessage refused;
        using (var taken = slots.TryTake())
        {
            Assert.NotNull(taken);
            refused = await server.Client.GetAsync("/registers/thing/download-register");
        }

        using var served = await server.Client.GetAsync("/registers/thing/download-register");
        using var again = await server.Client.GetAsync("/registers/thing/download-register");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Null(refused.Headers.ETag); // a cache must not answer later asks with this 503
        Assert.True(refused.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the slot of the one served was given back
        refused.Dispose();
    }
}
