using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Server.Records;

namespace Registers.Server.Tests.Records;

/// <summary>A page's items are read in runs of records whose items come to at most the budget.</summary>
public sealed class RecordItemBatchTests
{
    private static readonly Digest A = Hash("a");
    private static readonly Digest B = Hash("b");
    private static readonly Digest C = Hash("c");
    private static readonly Dictionary<Digest, long> Sizes = new() { [A] = 40, [B] = 70, [C] = 150 };

    [Fact]
    public void Records_are_cut_where_the_next_would_pass_the_budget()
    {
        var batches = RecordItems.Batches([Row("1", A), Row("2", A, B), Row("3", B), Row("4", A), Row("5", C), Row("6", B)], Sizes, 100).ToList();

        // 1 and 2 cite a (40) and b (70): 110 > 100, so 2 starts a run, which 3 and 4 join at no cost (b and a again);
        // c (150) starts another, and b then another.
        Assert.Equal([["1"], ["2", "3", "4"], ["5"], ["6"]], batches.Select(batch => batch.Select(row => row.Key)));
    }

    [Fact]
    public void A_record_larger_than_the_budget_is_a_run_of_its_own()
    {
        var batches = RecordItems.Batches([Row("1", A), Row("2", C), Row("3", A)], Sizes, 100).ToList();

        Assert.Equal([["1"], ["2"], ["3"]], batches.Select(batch => batch.Select(row => row.Key)));
    }

    [Fact]
    public void Everything_under_the_budget_is_one_run_and_no_records_no_run()
    {
        Assert.Single(RecordItems.Batches([Row("1", A), Row("2", B), Row("3", C)], Sizes, 1_000));
        Assert.Empty(RecordItems.Batches([], Sizes, 100));
    }

    private static RecordRow Row(string key, params Digest[] hashes) =>
        new(1, key, EntryTimestamp.Parse("2024-01-01T00:00:00Z"), hashes);

    private static Digest Hash(string text) => Digest.Of(System.Text.Encoding.UTF8.GetBytes(text));
}
