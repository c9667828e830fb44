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
    public async Task The_lock_waits_while_another_process_holds_the_lock_file()
    {
        var store = new FileLogStateStore(_folder.FullName);

        // Opened without sharing, as another process's store holds it (the operating system's lock, not this process's gate).
        Task<IAsyncDisposable> locking;
        await using (new FileStream(store.LockFile("school"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            locking = store.LockAsync("school", TestContext.Current.CancellationToken);
            await Task.WhenAny(locking, Task.Delay(300, TestContext.Current.CancellationToken));
            Assert.False(locking.IsCompleted, "The lock was taken while the lock file was held elsewhere.");
        }

        await using var held = await locking.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_store_of_its_own_making_takes_turns_in_this_process_without_a_lock_of_its_own()
    {
        ILogStateStore store = new PlainStore();

        var first = await store.LockAsync("school", default);
        var second = store.LockAsync("school", default);
        var other = await store.LockAsync("country", default);
        await Task.WhenAny(second, Task.Delay(200, TestContext.Current.CancellationToken));
        var waited = !second.IsCompleted;
        await first.DisposeAsync();
        await (await second).DisposeAsync();
        await other.DisposeAsync();

        Assert.True(waited, "A second tracker of the same register did not wait for the first.");
    }

    /// <summary>A store written before <see cref="ILogStateStore.LockAsync"/> was added: it still compiles, and its trackers take turns.</summary>
    private sealed class PlainStore : ILogStateStore
    {
        public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken) => Task.CompletedTask;
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
    public async Task Evidence_that_repeats_the_last_kept_is_kept_once()
    {
        var store = new FileLogStateStore(_folder.FullName);

        foreach (var evidence in new[] { "school: a fork\n", "school: a fork\n", "school: another fork\n", "school: another fork\n", "school: a fork\n" })
        {
            await store.SaveEvidenceAsync("school", evidence, default);
        }

        Assert.Equal("school: a fork\n\nschool: another fork\n\nschool: a fork\n", await File.ReadAllTextAsync(store.EvidenceFile("school")));
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

    [Fact]
    public async Task The_memory_store_keeps_evidence_that_repeats_the_last_kept_once()
    {
        var store = new MemoryLogStateStore();

        foreach (var evidence in new[] { "school: a fork\n", "school: a fork\n", "school: another fork\n", "school: a fork\n" })
        {
            await store.SaveEvidenceAsync("school", evidence, default);
        }

        Assert.Equal("school: a fork\n\nschool: another fork\n\nschool: a fork\n", store.Evidence("school"));
    }
}
