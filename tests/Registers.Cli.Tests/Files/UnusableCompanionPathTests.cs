using Registers.Cli.Tests.Audit;
using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;
using static Registers.Cli.Tests.Files.PlainFileProblem;

namespace Registers.Cli.Tests.Files;

/// <summary>
/// The files <c>mirror</c> and <c>audit follow</c> write beside the path the user named (a copy's checkpoint and its next
/// version, the state folder's checkpoint and evidence): a directory in a file's place is named before anything is
/// downloaded, and a folder removed while the command runs is named too; exit 2, nothing half-written.
/// </summary>
public sealed class UnusableCompanionPathTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData(".checkpoint")]
    [InlineData(".next")]
    [InlineData(".next.checkpoint")]
    [InlineData(".lock")]
    public async Task Mirror_with_a_directory_in_the_place_of_a_file_it_writes_says_so_before_downloading(string companion)
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var folder = audited.Server.Folder.Path;
        var held = Path.Combine(folder, "held.rsf");
        Assert.Equal(0, audited.Verify("mirror", held).ExitCode);
        audited.Append("100003");
        var heldRsf = File.ReadAllBytes(held);
        File.Delete(held + companion);
        Directory.CreateDirectory(held + companion);
        var fresh = Path.Combine(folder, "fresh.rsf");
        Directory.CreateDirectory(fresh + companion);
        var (freshRequests, heldRequests) = (new RequestWatcher(), new RequestWatcher());

        var freshRun = audited.VerifyThrough(freshRequests, "mirror", fresh);
        var heldRun = audited.VerifyThrough(heldRequests, "mirror", held);

        SaysOnly(freshRun, $"{fresh}{companion} is a directory, not a file");
        SaysOnly(heldRun, $"{held}{companion} is a directory, not a file");
        Assert.DoesNotContain(freshRequests.Paths, path => path.Contains("/download-rsf/", StringComparison.Ordinal));
        Assert.DoesNotContain(heldRequests.Paths, path => path.Contains("/download-rsf/", StringComparison.Ordinal));
        Assert.Equal([fresh + companion], Directory.GetFileSystemEntries(folder, "fresh.rsf*"));
        // The lock the first run took stays, as a state folder's does: deleting it would let a waiting run and a new one both hold it.
        Assert.Equal(new[] { held, held + ".checkpoint", held + ".lock", held + companion }.Distinct().Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(folder, "held.rsf*").Order(StringComparer.Ordinal));
        Assert.Equal(heldRsf, File.ReadAllBytes(held));
        Assert.Empty(Directory.GetFileSystemEntries(held + companion));
    }

    [Fact]
    public async Task Mirror_whose_folder_is_removed_while_it_downloads_says_so()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var folder = Directory.CreateDirectory(Path.Combine(audited.Server.Folder.Path, "mirror")).FullName;
        var copy = Path.Combine(folder, "school.rsf");

        var run = audited.VerifyThrough(new RequestWatcher("/download-rsf/", () => Directory.Delete(folder, recursive: true)), "mirror", copy);

        SaysOnly(run, $"cannot write {copy}: folder {folder} does not exist");
    }

    [Theory]
    [InlineData("school.checkpoint")]
    [InlineData("school.evidence")]
    public async Task Audit_follow_with_a_directory_in_the_place_of_a_state_file_says_so_before_asking_the_server(string file)
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        var directory = Directory.CreateDirectory(Path.Combine(state, file)).FullName;
        var requests = new RequestWatcher();

        var run = audited.VerifyThrough(requests, "audit", "follow", "--once", "--state", state);

        SaysOnly(run, $"{directory} is a directory, not a file");
        Assert.Empty(requests.Paths);
        Assert.Equal([directory], Directory.GetFileSystemEntries(state));
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public async Task Audit_follow_whose_state_folder_is_removed_while_it_runs_says_so()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");

        var run = audited.VerifyThrough(new RequestWatcher("/checkpoint", () => Directory.Delete(state, recursive: true)), "audit", "follow", "--once", "--state", state);

        // The checkpoint is fetched before the state is locked: the lock is the first file the removal leaves no folder for.
        SaysOnly(run, $"cannot write {Path.Combine(state, "school.lock")}: folder {state} does not exist");
    }

    /// <summary>A proxy that notes the path of every request, and runs <paramref name="action"/> before the first whose path holds <paramref name="fragment"/>.</summary>
    private sealed class RequestWatcher(string? fragment = null, Action? action = null) : DelegatingHandler
    {
        private bool _acted;

        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Paths.Add(path);
            if (!_acted && fragment is not null && path.Contains(fragment, StringComparison.Ordinal))
            {
                _acted = true;
                action?.Invoke();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
