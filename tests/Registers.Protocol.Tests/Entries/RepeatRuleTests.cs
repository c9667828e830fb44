using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Entries;

public sealed class RepeatRuleTests
{
    private static readonly Digest A = Digest.Of("a"u8);
    private static readonly Digest B = Digest.Of("b"u8);
    private static readonly Digest C = Digest.Of("c"u8);

    [Fact]
    public void Same_item_again_is_a_no_op() => Assert.True(RepeatRule.IsNoOpRepeat([A], [A]));

    [Fact]
    public void A_different_item_is_a_change() => Assert.False(RepeatRule.IsNoOpRepeat([A], [B]));

    [Fact]
    public void A_new_key_is_never_a_repeat() => Assert.False(RepeatRule.IsNoOpRepeat([], [A]));

    [Fact]
    public void Items_compare_as_sets() => Assert.True(RepeatRule.IsNoOpRepeat([A, B], [B, A]));

    [Fact]
    public void A_subset_or_superset_is_a_change()
    {
        Assert.False(RepeatRule.IsNoOpRepeat([A, B], [A]));
        Assert.False(RepeatRule.IsNoOpRepeat([A], [A, B]));
        Assert.False(RepeatRule.IsNoOpRepeat([A, B], [A, C]));
    }

    [Fact]
    public void Entry_overload_needs_the_same_log_and_key()
    {
        var time = EntryTimestamp.FromUnixSeconds(0);
        var first = new Entry(EntryLog.User, 1, "GB", time, A);
        Assert.True(RepeatRule.IsNoOpRepeat(first, new Entry(EntryLog.User, 2, "GB", time, A)));
        Assert.False(RepeatRule.IsNoOpRepeat(null, first));
        Assert.Throws<ArgumentException>(() => RepeatRule.IsNoOpRepeat(first, new Entry(EntryLog.User, 2, "FR", time, A)));
        Assert.Throws<ArgumentException>(() => RepeatRule.IsNoOpRepeat(first, new Entry(EntryLog.System, 1, "name", time, A)));
    }
}
