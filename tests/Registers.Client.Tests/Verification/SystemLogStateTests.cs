using Registers.Client.Tests.Support;
using Registers.Client.Tracking;
using Registers.Client.Verification;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// A register's entries and its system log followed by two trackers sharing one store: each log's checkpoint is kept
/// apart (the system log's as <c>&lt;register&gt;.system</c>, where the command line has always kept it).
/// </summary>
public sealed class SystemLogStateTests : IDisposable
{
    private readonly MemoryLog _entries = new MemoryLog().Append(5);
    private readonly MemoryLog _system;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("registers-client-test-");

    public SystemLogStateTests()
    {
        _system = _entries.Fork().Append(3);
        _system.Origin += "/system";
    }

    public void Dispose()
    {
        _system.Dispose();
        _entries.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Trackers_of_a_registers_entries_and_of_its_system_log_keep_their_checkpoints_apart_in_one_store()
    {
        var store = new FileLogStateStore(_folder.FullName);
        var entries = new LogStateTracker(_entries, _entries.Trust, store);
        var system = new LogStateTracker(_system, _entries.Trust.ForSystemLogs(), store);

        await entries.UpdateAsync(MemoryLog.Register);
        await system.UpdateAsync(MemoryLog.Register);
        _entries.Append(2);
        _system.Append(1);

        Assert.Equal((7L, 4L), ((await entries.UpdateAsync(MemoryLog.Register)).Size, (await system.UpdateAsync(MemoryLog.Register)).Size));
        Assert.Equal(_entries.Checkpoint(7), File.ReadAllText(store.CheckpointFile("school")));
        Assert.Equal(_system.Checkpoint(4), File.ReadAllText(store.CheckpointFile("school.system")));
        Assert.Equal(("school", "school.system"), (entries.StateName(MemoryLog.Register), system.StateName(MemoryLog.Register)));
    }

    [Fact]
    public async Task A_kept_checkpoint_of_the_registers_other_log_is_said_to_be_another_logs()
    {
        // As a version that kept both logs under the register's name left a store both trackers shared.
        var store = new MemoryLogStateStore();
        await store.SaveAsync(MemoryLog.Register, _system.Checkpoint(3), default);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(_entries, _entries.Trust, store).GetTrustedAsync(MemoryLog.Register));

        Assert.StartsWith("The checkpoint kept as trusted is another log's: the store holds the checkpoint of registers.test/registers/school/system", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("altered", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_logs_checkpoint_kept_under_the_registers_name_in_a_store_of_its_own_is_still_trusted()
    {
        // As the library kept it before the logs were named apart, in the store of its own it was told to give the tracker.
        var store = new MemoryLogStateStore();
        await store.SaveAsync(MemoryLog.Register, _system.Checkpoint(3), default);
        _system.Append(2);
        var tracker = new LogStateTracker(_system, _entries.Trust.ForSystemLogs(), store);

        var kept = await tracker.GetTrustedAsync(MemoryLog.Register);
        var grown = await tracker.UpdateAsync(MemoryLog.Register);

        Assert.Equal((3L, 5L), (kept?.Size, grown.Size));
        Assert.Equal(_system.Checkpoint(5), await store.LoadAsync("school.system", default));
    }
}
