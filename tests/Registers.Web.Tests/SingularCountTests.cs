using System.Text.RegularExpressions;
using Registers.Server.Tests.Support;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>Counts of one are said in the singular.</summary>
public sealed class SingularCountTests(Browser browser, OneRecordServer server) : IClassFixture<OneRecordServer>
{
    [Fact]
    public async Task A_register_of_one_record_says_one_record_and_one_entry()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=lone");

        await Expect(page.Locator("main")).ToContainTextAsync("1 record, 1 entry, kept by Jane Doe.");
    }

    [Fact]
    public async Task The_only_entry_says_it_is_one_of_a_tree_of_one_entry()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=lone&entry=1");

        await Expect(page.ProofStatus()).ToHaveTextAsync("verified");
        await Expect(page.Locator("#proof-status + p")).ToHaveTextAsync("This entry, as shown, is entry 1 of the tree of 1 entry that the checkpoint below is signed for.");
        await Expect(page.Locator("#chain-hash")).ToContainTextAsync("checked: it follows from entry 1 of the signed tree");
    }

    [Fact]
    public async Task A_wrong_chain_hash_of_the_only_entry_is_said_to_be_not_the_one_entry_1_makes()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AlterAnswersAsync("/registers/lone/entries/1$", body => Regex.Replace(body, "\"chain-hash\":\"[^\"]*\"", $"\"chain-hash\":\"sha-256:{new string('0', 64)}\""));

        await page.OpenAsync("/ui/?register=lone&entry=1");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the chain hash of entry 1 is not the one entry 1 makes");
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("Entry 1 makes sha-256:");
    }

    [Fact]
    public async Task The_only_entry_listed_otherwise_than_signed_is_said_to_be_not_that_of_the_signed_tree()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AlterAnswersAsync("/registers/lone/entries\\?", body => body.Replace("2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", StringComparison.Ordinal));

        await page.OpenAsync("/ui/?register=lone&entry=1");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: entry 1, as the server lists it, is not that of the signed tree");
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("Its tree hash is sha-256:");
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("the checkpoint of 1 entry.");
    }

    [Fact]
    public async Task The_only_entry_left_unlisted_is_said_to_be_not_sent()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.RefuseAsync("/registers/lone/entries\\?");

        await page.OpenAsync("/ui/?register=lone&entry=1");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server did not send entry 1");
    }
}

/// <summary>A server of its own whose register "lone" holds one record of one entry.</summary>
public sealed class OneRecordServer(PostgresCluster cluster) : OneRegisterServer(cluster, "lone", [], [("only", """{"lone":"only"}""")]);
