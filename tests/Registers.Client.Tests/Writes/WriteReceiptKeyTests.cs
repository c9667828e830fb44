using Registers.Client.Tests.Support;
using Registers.Client.Writes;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Writes;

/// <summary>
/// Idempotency keys are the client's to choose, and the read API takes a last segment ending in <c>.json</c> or <c>.csv</c>
/// as a format suffix: a receipt must still be found by the very key its write carried, whatever printable characters
/// (a path's <c>/</c>, <c>%</c>, <c>+</c>, <c>?</c>, <c>#</c>) it holds.
/// </summary>
public sealed class WriteReceiptKeyTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_receipt_is_found_by_its_key_even_one_ending_like_a_format_suffix()
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        var plain = await live.AppendAsync(new WriteOptions { IdempotencyKey = "batch" }, ("a", "A"));
        var json = await live.AppendAsync(new WriteOptions { IdempotencyKey = "batch.json" }, ("b", "B"));
        var csv = await live.AppendAsync(new WriteOptions { IdempotencyKey = "batch.csv" }, ("c", "C"));
        var reader = live.Reader();

        foreach (var (key, sent) in new[] { ("batch", plain), ("batch.json", json), ("batch.csv", csv) })
        {
            var found = await reader.GetWriteReceiptAsync(LiveRegister.Name, key);

            Assert.Equal((key, sent.User.Size), (key, found?.User.Size));
        }
    }

    [Theory]
    [InlineData("load/7")]
    [InlineData("50%25")]
    [InlineData("a+b")]
    [InlineData("q?x#y")]
    [InlineData("../up")]
    public async Task A_receipt_is_found_by_a_key_holding_characters_a_path_escapes(string key)
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        await live.AppendAsync(new WriteOptions { IdempotencyKey = key + "-other" }, ("a", "A"));
        var sent = await live.AppendAsync(new WriteOptions { IdempotencyKey = key }, ("b", "B"));

        var found = await live.Reader().GetWriteReceiptAsync(LiveRegister.Name, key);

        Assert.Equal(sent.User.Size, found?.User.Size);
    }
}
