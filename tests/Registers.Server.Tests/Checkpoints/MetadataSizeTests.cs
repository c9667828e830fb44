using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Checkpoints;

/// <summary>
/// The signed number of system entries at each user size: what ties the two logs together, so that a copy cannot leave
/// out metadata written among its entries. It counts the metadata of the write that reached the size, and none after.
/// </summary>
public sealed class MetadataSizeTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Each_user_size_is_signed_with_the_system_entries_a_copy_up_to_it_carries_and_metadata_written_later_is_not_counted()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var register = await GrowingRegister.CreateAsync(server, "thing");
        var created = await SystemSizeAsync(server);
        await register.AppendBatchAsync(3);
        using var alice = SignerKey.Generate("custodian.example/alice");
        (await server.Client.PutAsJsonAsync("/registers/thing/custodian-keys", new { key = alice.VerifierKey.ToString() })).EnsureSuccessStatusCode();
        var allowed = await SystemSizeAsync(server);

        var atThree = await VerifiedAsync(server, 3);
        await register.AppendBatchAsync(1);
        var atFour = await VerifiedAsync(server, 4);
        var atZero = await VerifiedAsync(server, 0);
        var atThreeLater = await VerifiedAsync(server, 3);

        Assert.Equal(created + 1, allowed);
        Assert.Equal(new MetadataSize("registers.test/registers/thing/metadata-size", 3, created), atThree);
        Assert.Equal(allowed, atFour.SystemSize);
        Assert.Equal(0, atZero.SystemSize);
        Assert.Equal(atThree, atThreeLater); // the same statement once later writes are in
    }

    [Fact]
    public async Task A_statement_never_changes_so_it_is_immutable_and_past_the_end_or_malformed_is_a_problem()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var register = await GrowingRegister.CreateAsync(server, "thing");
        await register.AppendBatchAsync(2);

        using var signed = await server.Client.GetAsync("/registers/thing/metadata-size/2");
        using var beyond = await server.Client.GetAsync("/registers/thing/metadata-size/3");
        using var malformed = await server.Client.GetAsync("/registers/thing/metadata-size/x");
        using var unknown = await server.Client.GetAsync("/registers/nothing/metadata-size/0");

        Assert.Equal("public, max-age=31536000, immutable", signed.Headers.CacheControl?.ToString());
        Assert.Equal("text/plain", signed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<long> SystemSizeAsync(RunningServer server) =>
        long.Parse((await server.Client.GetStringAsync("/registers/thing/system/checkpoint")).Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

    // The statement at a user size, its signature checked with the published log key.
    private static async Task<MetadataSize> VerifiedAsync(RunningServer server, long userSize)
    {
        var key = VerifierKey.Parse((await server.Client.GetStringAsync("/.well-known/registers/log-key")).Trim());
        var note = await server.Client.GetStringAsync($"/registers/thing/metadata-size/{userSize}");
        var verified = new NoteVerifier(key).Verify(note);
        Assert.True(verified.IsVerified, $"not signed by the log key: {note}");
        Assert.True(MetadataSize.TryParse(verified.Note!.Text, out var statement), note);
        return statement;
    }
}
