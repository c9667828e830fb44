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
}

/// <summary>A server of its own whose register "lone" holds one record of one entry.</summary>
public sealed class OneRecordServer(PostgresCluster cluster) : OneRegisterServer(cluster, "lone", [], [("only", """{"lone":"only"}""")]);
