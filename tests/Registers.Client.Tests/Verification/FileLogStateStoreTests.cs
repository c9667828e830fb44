using Registers.Client.Tracking;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// The folder store under writers at once: each save of a checkpoint replaces the file whole, and none fails for another;
/// evidence is only ever added to; what stands in the checkpoint's place is read, never taken for none.
/// </summary>
public sealed class FileLogStateStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("registers-client-test-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Saves_at_once_through_two_stores_on_one_folder_each_leave_one_whole_note()
    {
        // Two stores on one folder: two services of one machine, or a service and the tracker of a command.
        var stores = new[] { new FileLogStateStore(_folder.FullName), new FileLogStateStore(_folder.FullName) };
        var notes = Enumerable.Range(0, 200).Select(i => $"registers.test/registers/school\n{i}\n{new string((char)('a' + (i % 26)), 4000)}\n").ToArray();

        await Task.WhenAll(notes.Select((note, i) => Task.Run(() => stores[i % 2].SaveAsync("school", note, default))));

        Assert.Contains(await stores[0].LoadAsync("school", default), notes);
        Assert.Equal(["school.checkpoint"], _folder.GetFiles().Select(file => file.Name));
    }

    [Fact]
    public async Task Evidence_found_again_is_added_after_what_was_kept_not_written_over_it()
    {
        var store = new FileLogStateStore(_folder.FullName);

        await store.SaveEvidenceAsync("school", "school: the first fork\n", default);
        await store.SaveEvidenceAsync("school", "school: the second fork\n", default);

        Assert.Equal("school: the first fork\n\nschool: the second fork\n", await File.ReadAllTextAsync(store.EvidenceFile("school")));
    }

    [Fact]
    public async Task A_directory_in_the_place_of_the_checkpoint_is_not_taken_for_no_checkpoint()
    {
        var store = new FileLogStateStore(_folder.FullName);
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "school.checkpoint"));

        // Read as none, the next checkpoint would be trusted on its signature alone.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.LoadAsync("school", default));
    }

    [Fact]
    public async Task The_memory_store_keeps_every_evidence_too()
    {
        var store = new MemoryLogStateStore();

        await store.SaveEvidenceAsync("school", "school: the first fork\n", default);
        await store.SaveEvidenceAsync("school", "school: the second fork\n", default);

        Assert.Equal("school: the first fork\n\nschool: the second fork\n", store.Evidence("school"));
    }
}
