using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Rsf;

/// <summary>
/// A replay whose checks went to disk (a budget of 0 sends them there before the first line) finds what a replay in
/// memory finds: the same problems, lines and messages, in the same order in a verification, and the same roots.
/// </summary>
public sealed class RsfReplaySpillTests
{
    private const long InMemory = long.MaxValue;
    private const string Timestamp = "2016-04-05T13:23:05Z";

    private static readonly Item Gb = Item.Create("""{"country":"GB","name":"United Kingdom"}"""u8);
    private static readonly Item Fr = Item.Create("""{"country":"FR","name":"France"}"""u8);
    private static readonly Item De = Item.Create("""{"country":"DE","name":"Germany"}"""u8);
    private static readonly Item Field = Item.Create("""{"field":"name"}"""u8);
    private static readonly string LongKey = string.Concat(Enumerable.Repeat("K1", 20_000));

    public static TheoryData<string, string> Files() => new()
    {
        { "clean", $"add-item\t{Gb}\n{Entry("GB", Gb)}\nadd-item\t{Fr}\n{Entry("FR", Fr)}\n{Entry("GB", Fr)}\n" },
        { "orphan entry", $"{Entry("GB", Gb)}\nadd-item\t{Gb}\nadd-item\t{Fr}\n{Entry("FR", Fr)}\n" },
        { "orphan item", $"add-item\t{Fr}\nadd-item\t{Gb}\n{Entry("GB", Gb)}\nadd-item\t{De}\n" },
        { "duplicate item", $"add-item\t{Gb}\n{Entry("GB", Gb)}\nadd-item\t{Fr}\nadd-item\t{Gb}\n{Entry("FR", Fr)}\nadd-item\t{Gb}\n" },
        { "repeated user entry", $"add-item\t{Gb}\n{Entry("GB", Gb)}\n{Entry("GB", Gb)}\nadd-item\t{Fr}\n{Entry("GB", Fr)}\n{Entry("GB", Fr)}\n" },
        {
            "repeated system entry",
            $"add-item\t{Field}\n{SystemEntry("field:name", Field)}\n{SystemEntry("field:name", Field)}\n{SystemEntry("field:other", Field)}\n"
        },
        {
            "entries citing several items",
            $"add-item\t{Gb}\nadd-item\t{Fr}\n{Entry("EU", Gb, Fr)}\n{Entry("EU", Fr, Gb)}\n{Entry("EU", Gb, Fr, Gb)}\n{Entry("EU", Gb)}\n"
                + $"{Entry("EU", Gb, De, Fr, De)}\nadd-item\t{De}\n{Entry("EU", De, Gb)}\n{Entry("EU", Gb, De)}\n"
        },
        {
            // Records longer than a spill file's buffer: a key of 40,000 characters, an entry citing 3,000 items.
            "long records",
            $"add-item\t{Gb}\n{Entry(LongKey, Gb)}\n{Entry(LongKey, Gb)}\nadd-item\t{Fr}\n{Entry("MANY", [.. Enumerable.Repeat(Fr, 2_999), De])}\n"
                + $"{Entry("MANY", [.. Enumerable.Repeat(Fr, 1_000), De])}\n"
        },
        {
            "every problem between other errors",
            $"assert-root-hash\t{Gb.Hash}\n{Entry("GB", Gb)}\nnonsense\nadd-item\t{Gb}\nadd-item\t{Gb}\n{Entry("GB", Gb)}\n{Entry("GB", Gb)}\n"
                + $"add-item\t{Fr}\n{Entry("FR", De, Fr, De)}\nassert-root-hash\t{Gb.Hash}\n"
        },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_verification_on_disk_lists_the_problems_and_roots_of_one_in_memory(string name, string rsf)
    {
        var inMemory = Verify(rsf, InMemory);
        var onDisk = Verify(rsf, 0);

        Assert.Equal(Describe(inMemory), Describe(onDisk));
        Assert.Equal(name == "clean", inMemory.ErrorCount + inMemory.WarningCount == 0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_replay_on_disk_raises_the_problems_of_one_in_memory_with_the_late_ones_from_finish(string name, string rsf)
    {
        var inMemory = Replay(rsf, InMemory);
        var onDisk = Replay(rsf, 0);

        Assert.Null(inMemory.SpillFolder);
        Assert.NotNull(onDisk.SpillFolder);
        Assert.Equal(Sorted(inMemory.Problems), Sorted(onDisk.Problems));
        Assert.Equal(inMemory.Summary, onDisk.Summary);
        Assert.True(name == "clean" || onDisk.Problems.Count > 0);
    }

    [Theory]
    [InlineData(0, 1)] // to disk at once, partitions split at the end
    [InlineData(200_000, 2)] // to disk part of the way through
    [InlineData(InMemory, 3)]
    public void A_large_file_with_every_problem_verifies_alike_whatever_the_budget(long budget, int seed)
    {
        var rsf = Generated(60_000, seed);
        var inMemory = Verify(rsf, InMemory, maxKept: int.MaxValue);
        var other = Verify(rsf, budget, maxKept: int.MaxValue);

        Assert.Equal(Describe(inMemory), Describe(other));
        var kinds = inMemory.Errors.Concat(inMemory.Warnings).Select(p => p.Kind).ToHashSet();
        Assert.Superset(
            new HashSet<RsfProblemKind>
            {
                RsfProblemKind.OrphanEntry, RsfProblemKind.OrphanItem, RsfProblemKind.DuplicateItem, RsfProblemKind.RepeatedEntry, RsfProblemKind.RootMismatch,
            },
            kinds);
    }

    [Fact]
    public void Only_the_first_problems_are_kept_and_they_are_those_a_replay_in_memory_keeps()
    {
        var rsf = Generated(20_000, 4);
        var inMemory = Verify(rsf, InMemory, maxKept: 7);
        var onDisk = Verify(rsf, 0, maxKept: 7);

        Assert.Equal(7, inMemory.Errors.Count);
        Assert.Equal(Describe(inMemory), Describe(onDisk));
    }

    public static TheoryData<string> GovukFilesToReplay() => GovukFiles.All();

    [Theory]
    [MemberData(nameof(GovukFilesToReplay))]
    public void A_govuk_file_verifies_on_disk_as_in_memory(string file)
    {
        var rsf = File.ReadAllText(GovukFiles.PathOf(file));
        Assert.Equal(Describe(Verify(rsf, InMemory)), Describe(Verify(rsf, 0)));
    }

    [Fact]
    public void Finishing_deletes_the_files_of_the_checks()
    {
        using var replay = new RsfReplay(LogHead.Empty, LogHead.Empty, 0);
        replay.Apply(RsfCommand.AddItem(Gb.Memory, 1));
        var folder = replay.SpillFolder;
        Assert.True(Directory.Exists(folder));

        Assert.Equal(RsfProblemKind.OrphanItem, Assert.Single(replay.Finish().ToArray()).Kind);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_replay_abandoned_part_way_deletes_its_files_when_disposed_of()
    {
        string folder;
        using (var replay = new RsfReplay(LogHead.Empty, LogHead.Empty, 0))
        {
            using var reader = new RsfReader(new MemoryStream(Encoding.UTF8.GetBytes(Generated(1_000, 6))));
            for (var i = 0; i < 500 && reader.Read(); i++)
            {
                replay.Apply(reader.Current);
            }

            folder = replay.SpillFolder!;
            Assert.NotEmpty(Directory.GetFiles(folder));
        }

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_verification_that_fails_part_way_leaves_no_files()
    {
        var before = SpillFolders();
        var rsf = Encoding.UTF8.GetBytes(Generated(20_000, 7));

        Assert.Throws<IOException>(() => RsfVerifier.Verify(new FailingStream(rsf, rsf.Length / 2), new RsfVerifyOptions { MemoryBudget = 0 }));
        Assert.Empty(SpillFolders().Except(before));
    }

    [Fact]
    public void A_verification_cancelled_part_way_leaves_no_files()
    {
        var before = SpillFolders();
        var rsf = Encoding.UTF8.GetBytes(Generated(20_000, 8));
        using var cancel = new CancellationTokenSource();
        var options = new RsfVerifyOptions { MemoryBudget = 0, ProgressInterval = 1_000 };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            RsfVerifier.Verify(new MemoryStream(rsf), options, new CancelAt(10_000, cancel), cancel.Token));
        Assert.Empty(SpillFolders().Except(before));
    }

    private static string Entry(string key, params Item[] items) =>
        $"append-entry\tuser\t{key}\t{Timestamp}\t{string.Join(';', items.Select(i => i.Hash))}";

    private static string SystemEntry(string key, Item item) => $"append-entry\tsystem\t{key}\t{Timestamp}\t{item.Hash}";

    /// <summary>
    /// <paramref name="entries"/> entries over fewer keys, with their items, and now and then each problem the item and
    /// repeat rules know: an entry before its item, an item no entry cites, an item added again, a key given its item
    /// again (in both logs, and with lists in another order), and a wrong root.
    /// </summary>
    private static string Generated(int entries, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var items = new List<Item>();
        var latest = new Dictionary<string, Item[]>();
        Item Next() => Item.Create(Encoding.UTF8.GetBytes($"{{\"n\":\"{items.Count}\",\"seed\":\"{seed}\"}}"));
        void Add(Item item) => text.Append($"add-item\t{item}\n");
        void Append(string log, string key, Item[] cited)
        {
            text.Append($"append-entry\t{log}\t{key}\t{Timestamp}\t{string.Join(';', cited.Select(i => i.Hash))}\n");
            latest[log + key] = cited;
        }

        for (var n = 0; n < entries; n++)
        {
            var key = $"K{random.Next(entries / 2)}";
            var item = Next();
            items.Add(item);
            switch (random.Next(40))
            {
                case 0: // the entry comes before its item
                    Append("user", key, [item]);
                    Add(item);
                    break;
                case 1: // an item no entry cites
                    Add(item);
                    break;
                case 2: // an earlier item added again
                    Add(item);
                    Add(items[random.Next(items.Count)]);
                    Append("user", key, [item]);
                    break;
                case 3 when latest.TryGetValue("user" + key, out var current): // the key's items again, in another order
                    Append("user", key, [.. current.Reverse()]);
                    break;
                case 4: // several items, one of them perhaps not yet added
                    Add(item);
                    Append("user", key, [item, items[random.Next(items.Count)], item]);
                    break;
                case 5: // the system log, with its own repeats
                    Add(item);
                    var field = $"field:f{random.Next(20)}";
                    Append("system", field, latest.TryGetValue("system" + field, out var fieldItems) && random.Next(2) == 0 ? fieldItems : [item]);
                    break;
                case 6:
                    text.Append($"assert-root-hash\t{item.Hash}\n");
                    break;
                default:
                    Add(item);
                    Append("user", key, [item]);
                    break;
            }
        }

        return text.ToString();
    }

    private static RsfVerification Verify(string rsf, long budget, int maxKept = 100) =>
        RsfVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(rsf)), new RsfVerifyOptions { MemoryBudget = budget, MaxProblemsKept = maxKept });

    private static string Describe(RsfVerification result) =>
        string.Join('\n', [
            $"lines {result.Lines}, items {result.Items}, user {result.UserEntries} {result.UserRoot} {result.UserChainHash}",
            $"system {result.SystemEntries} {result.SystemRoot} {result.SystemChainHash}, {result.ErrorCount} errors, {result.WarningCount} warnings",
            .. result.Errors.Concat(result.Warnings).Select(p => $"{p.Kind} {p.ItemHash} {p}"),
        ]);

    private static Replayed Replay(string rsf, long budget)
    {
        using var replay = new RsfReplay(LogHead.Empty, LogHead.Empty, budget);
        var problems = new List<RsfProblem>();
        using var reader = new RsfReader(new MemoryStream(Encoding.UTF8.GetBytes(rsf)));
        while (reader.Read())
        {
            problems.AddRange(replay.Apply(reader.Current));
        }

        var folder = replay.SpillFolder;
        problems.AddRange(replay.Finish());
        Assert.True(folder is null || !Directory.Exists(folder));
        var summary = $"items {replay.Items}, user {replay.Entries(EntryLog.User)} {replay.Root(EntryLog.User)} {replay.ChainHash(EntryLog.User)}, "
            + $"system {replay.Entries(EntryLog.System)} {replay.Root(EntryLog.System)} {replay.ChainHash(EntryLog.System)}";
        return new Replayed(problems, summary, folder);
    }

    private static string[] Sorted(List<RsfProblem> problems) =>
        [.. problems.Select(p => $"{p.Line:D9} {p.Kind} {p.ItemHash} {p}").Order(StringComparer.Ordinal)];

    private static HashSet<string> SpillFolders() => [.. Directory.GetDirectories(Path.GetTempPath(), "registers-replay-*")];

    private sealed record Replayed(List<RsfProblem> Problems, string Summary, string? SpillFolder);

    /// <summary>Reads like a file until <c>failAt</c> bytes, then fails as a disk would.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAt ? throw new IOException("The disk went away.") : base.Read(buffer, offset, Math.Min(count, failAt - (int)Position));
    }

    private sealed class CancelAt(long line, CancellationTokenSource cancel) : IProgress<RsfProgress>
    {
        public void Report(RsfProgress value)
        {
            if (value.Lines >= line)
            {
                cancel.Cancel();
            }
        }
    }
}
