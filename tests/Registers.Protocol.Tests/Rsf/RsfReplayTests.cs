using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;
using Registers.Protocol.Tests.Merkle;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Rsf;

public sealed class RsfReplayTests
{
    private static readonly Item Gb = Item.Create("""{"country":"GB","name":"United Kingdom"}"""u8);
    private static readonly Item Fr = Item.Create("""{"country":"FR","name":"France"}"""u8);

    public static TheoryData<string> Files() => GovukFiles.All();

    [Theory]
    [MemberData(nameof(Files))]
    public void Replaying_a_govuk_file_holds_every_assertion_and_ends_at_the_root_govuk_published(string file)
    {
        var replay = new RsfReplay();
        var errors = new List<RsfProblem>();
        var assertions = 0;
        foreach (var line in RsfLines.ReadGovuk(file))
        {
            errors.AddRange(Apply(replay, line).Where(p => p.Severity == RsfSeverity.Error));
            assertions += line.Kind == RsfCommandKind.AssertRootHash ? 1 : 0;
        }

        errors.AddRange(replay.Finish().ToArray());
        Assert.Empty(errors);
        if (file == GovukFiles.CountryFixture)
        {
            Assert.Equal(208UL, replay.Entries(EntryLog.User));
            Assert.Equal("sha-256:8d92e1e0af1d43c41e498e6baed0d0b3ea2770d1bf9d2afc04e9c4dad7795729", replay.Root(EntryLog.User).ToString());
        }
        else
        {
            Assert.True(assertions >= 2);
            Assert.Equal(GovukFiles.LastAssertedRoot(file), replay.Root(EntryLog.User).ToString());
        }
    }

    [Fact]
    public void The_warnings_over_all_govuk_files_are_the_known_repeats_and_re_added_items()
    {
        var warnings = new List<RsfProblem>();
        foreach (var file in Files().Select(row => row.Data))
        {
            var replay = new RsfReplay();
            foreach (var line in RsfLines.ReadGovuk(file))
            {
                warnings.AddRange(Apply(replay, line));
            }
        }

        // See GovukRsfTests.Repeats_in_real_data_are_exactly_the_known_ones: 6 user and 33 system no-op repeats.
        // field.rsf adds 7 field items twice and register.rsf one register item.
        Assert.Equal(39, warnings.Count(w => w.Kind == RsfProblemKind.RepeatedEntry));
        Assert.Equal(8, warnings.Count(w => w.Kind == RsfProblemKind.DuplicateItem));
        Assert.All(warnings, w => Assert.Equal(RsfSeverity.Warning, w.Severity));
    }

    [Fact]
    public void Roots_and_chain_hashes_are_those_of_the_leaves_of_each_log()
    {
        var replay = new RsfReplay();
        var userLeaves = new List<Digest>();
        var systemLeaves = new List<Digest>();
        foreach (var line in RsfLines.ReadGovuk(GovukFiles.CountryFixture).Where(l => l.Kind != RsfCommandKind.AssertRootHash))
        {
            Apply(replay, line);
            if (line.Kind == RsfCommandKind.AppendEntry)
            {
                var leaves = line.Log == EntryLog.User ? userLeaves : systemLeaves;
                leaves.Add(EntryLeaf.Hash(leaves.Count + 1, line.Timestamp, line.Key, line.ItemHashes));
            }
        }

        Assert.Equal(ReferenceTree.Root([.. userLeaves]), replay.Root(EntryLog.User));
        Assert.Equal(ReferenceTree.Root([.. systemLeaves]), replay.Root(EntryLog.System));
        Assert.Equal(ChainHash.Fold(ChainHash.Genesis, [.. userLeaves]), replay.ChainHash(EntryLog.User));
        Assert.Equal(ChainHash.Fold(ChainHash.Genesis, [.. systemLeaves]), replay.ChainHash(EntryLog.System));
        Assert.Equal((ulong)systemLeaves.Count, replay.Entries(EntryLog.System));
    }

    [Fact]
    public void An_entry_citing_an_item_not_yet_added_is_an_orphan_entry_and_the_late_item_an_orphan_item()
    {
        var problems = Replay($"{Entry("GB", Gb)}\nadd-item\t{Gb}\n");
        Assert.Equal([(1L, RsfProblemKind.OrphanEntry), (2L, RsfProblemKind.OrphanItem)], problems.Select(p => (p.Line, p.Kind)));
        Assert.All(problems, p => Assert.Equal(Gb.Hash, p.ItemHash));
        Assert.Contains($"cites item {Gb.Hash}, which no add-item before it added", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_no_entry_cites_are_reported_at_the_end_in_line_order()
    {
        var problems = Replay($"add-item\t{Fr}\nadd-item\t{Gb}\n{Entry("GB", Gb)}\nadd-item\t{Item.Create("""{"a":"b"}"""u8)}\n");
        Assert.Equal([(1L, RsfProblemKind.OrphanItem), (4L, RsfProblemKind.OrphanItem)], problems.Select(p => (p.Line, p.Kind)));
    }

    [Fact]
    public void A_failed_assertion_names_the_line_the_asserted_root_and_the_computed_one()
    {
        var asserted = Digest.Of("not the root"u8);
        var problem = Assert.Single(Replay($"assert-root-hash\t{MerkleHash.EmptyRoot}\nadd-item\t{Gb}\n{Entry("GB", Gb)}\nassert-root-hash\t{asserted}\n"));
        var computed = EntryLeaf.Hash(1, Timestamp, "GB", [Gb.Hash]);
        Assert.Equal((4L, RsfProblemKind.RootMismatch, RsfSeverity.Error), (problem.Line, problem.Kind, problem.Severity));
        Assert.Equal($"assert-root-hash {asserted} does not hold: the 1 user entries so far have root {computed}", problem.Message);
    }

    [Fact]
    public void The_empty_root_holds_before_any_entry_and_system_entries_do_not_count()
    {
        var field = Item.Create("""{"field":"name"}"""u8);
        Assert.Empty(Replay($"assert-root-hash\t{MerkleHash.EmptyRoot}\nadd-item\t{field}\nappend-entry\tsystem\tfield:name\t2016-04-05T13:23:05Z\t{field.Hash}\nassert-root-hash\t{MerkleHash.EmptyRoot}\n"));
    }

    [Fact]
    public void Repeating_a_keys_item_or_re_adding_an_item_is_a_warning_only()
    {
        var problems = Replay($"add-item\t{Gb}\n{Entry("GB", Gb)}\nadd-item\t{Gb}\n{Entry("GB", Gb)}\n{Entry("UK", Gb)}\n");
        Assert.Equal([(3L, RsfProblemKind.DuplicateItem), (4L, RsfProblemKind.RepeatedEntry)], problems.Select(p => (p.Line, p.Kind)));
        Assert.All(problems, p => Assert.Equal(RsfSeverity.Warning, p.Severity));
        Assert.Equal($"item {Gb.Hash} was already added on line 1", problems[0].Message);
    }

    [Fact]
    public void A_malformed_line_is_an_error_of_the_replay()
    {
        var problem = Assert.Single(Replay($"add-item\t{Gb}\n{Entry("GB", Gb)}\nnonsense\n"));
        Assert.Equal((3L, RsfProblemKind.UnknownCommand), (problem.Line, problem.Kind));
    }

    [Fact]
    public void A_replay_resumed_from_stored_heads_reaches_the_same_roots_and_chain_hashes()
    {
        var lines = RsfLines.ReadGovuk(GovukFiles.CountryFixture);
        var whole = new RsfReplay();
        var first = new RsfReplay();
        var half = lines.Count / 2;
        foreach (var line in lines)
        {
            Apply(whole, line);
        }

        foreach (var line in lines.Take(half))
        {
            Apply(first, line);
        }

        var resumed = new RsfReplay(first.Head(EntryLog.User), first.Head(EntryLog.System));
        var orphans = lines.Skip(half).SelectMany(line => Apply(resumed, line)).Where(p => p.Kind == RsfProblemKind.OrphanEntry).ToList();

        foreach (var log in new[] { EntryLog.User, EntryLog.System })
        {
            Assert.Equal((whole.Entries(log), whole.Root(log), whole.ChainHash(log)), (resumed.Entries(log), resumed.Root(log), resumed.ChainHash(log)));
        }

        // Items added before the resume point are not known to the resumed replay: its caller resolves them.
        Assert.All(orphans, p => Assert.NotNull(p.ItemHash));
    }

    [Fact]
    public void Nothing_may_be_applied_after_the_end()
    {
        var replay = new RsfReplay();
        replay.Finish();
        Assert.Throws<InvalidOperationException>(() => replay.Apply(RsfCommand.AssertRootHash(MerkleHash.EmptyRoot)));
    }

    private static readonly EntryTimestamp Timestamp = EntryTimestamp.Parse("2016-04-05T13:23:05Z");

    private static string Entry(string key, Item item) => $"append-entry\tuser\t{key}\t{Timestamp}\t{item.Hash}";

    private static List<RsfProblem> Replay(string rsf)
    {
        var replay = new RsfReplay();
        var problems = new List<RsfProblem>();
        using var reader = new RsfReader(new MemoryStream(Encoding.UTF8.GetBytes(rsf)));
        while (reader.Read())
        {
            problems.AddRange(replay.Apply(reader.Current));
        }

        problems.AddRange(replay.Finish());
        return problems;
    }

    private static RsfProblem[] Apply(RsfReplay replay, RsfLine line) => line.Kind switch
    {
        RsfCommandKind.AddItem => replay.Apply(RsfCommand.AddItem(line.ItemJson, line.Line)).ToArray(),
        RsfCommandKind.AppendEntry => replay.Apply(RsfCommand.AppendEntry(line.Log, line.Key.AsMemory(), line.Timestamp, line.ItemHashes, line.Line)).ToArray(),
        RsfCommandKind.AssertRootHash => replay.Apply(RsfCommand.AssertRootHash(line.RootHash, line.Line)).ToArray(),
        _ => throw new InvalidOperationException(line.Problem?.ToString()),
    };
}
