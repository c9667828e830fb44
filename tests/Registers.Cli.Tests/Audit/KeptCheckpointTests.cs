using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A mirror's checkpoint file (<c>FILE.checkpoint</c>) that no longer holds a checkpoint of the register signed by the
/// pinned key (altered, or another log's) was refused as if the server had just served it ("The checkpoint is refused",
/// shown as the newer checkpoint): the file is named now, as the kept one, and the server is not blamed.
/// </summary>
public sealed class KeptCheckpointTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("no signed note")]
    [InlineData("the system log's checkpoint")]
    public async Task A_mirrors_checkpoint_file_that_is_not_the_registers_signed_checkpoint_is_named_as_the_kept_one(string kept)
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        using var http = new HttpClient { BaseAddress = new Uri(audited.Server.Address) };
        File.WriteAllText(copy + ".checkpoint", kept == "no signed note" ? "garbage\n" : await http.GetStringAsync("/registers/school/system/checkpoint"));
        var copied = File.ReadAllBytes(copy);

        var refused = audited.Verify("mirror", copy);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains($"The checkpoint kept beside the copy ({copy}.checkpoint) does not verify", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The server is not in question", refused.Error, StringComparison.Ordinal);
        Assert.Contains("  trusted checkpoint:\n", refused.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("newer checkpoint", refused.Out, StringComparison.Ordinal);
        Assert.Equal(copied, File.ReadAllBytes(copy));
    }
}
