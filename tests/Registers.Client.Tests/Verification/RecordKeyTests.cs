using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// Keys that a record's URL could be read as something else by: the read API takes a last segment ending in
/// <c>.json</c>, <c>.csv</c>, <c>.html</c>... as a format suffix, and GOV.UK keys may end so (or hold a slash).
/// </summary>
public sealed class RecordKeyTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_key_ending_like_a_format_suffix_or_holding_a_slash_is_looked_up_as_itself()
    {
        (string Key, string Name)[] schools = [("x", "Plain"), ("x.json", "Json"), ("report.csv", "Csv"), ("page.html", "Html"), ("a/b", "Slash")];
        await using var live = await LiveRegister.StartAsync(cluster, schools);
        var client = new VerifyingClient(live.Reader(), live.Trust());

        foreach (var (key, name) in schools)
        {
            var record = await client.GetVerifiedRecordAsync(LiveRegister.Name, key);

            Assert.Equal((key, name), (record?.Key, record?.Field("name")));
        }
    }
}
