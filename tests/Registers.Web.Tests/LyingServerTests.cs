using System.Text.RegularExpressions;
using Registers.Server.Tests.Support;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// The server answers the page with something other than what it asked for (see <see cref="ServerLies"/>): each
/// answer is genuine and signed, but of another log or another entry. The page must not say "verified" for it.
/// </summary>
public sealed class LyingServerTests(Browser browser, RegisterNamedRegistersServer server) : IClassFixture<RegisterNamedRegistersServer>
{
    private static readonly string Zeroed = "sha-256:" + new string('0', 64);

    [Fact]
    public async Task A_register_named_system_is_not_verified_by_the_system_log_of_a_register_named_registers()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AnswerWithAsync("/registers/system/(?!items/)", "/registers/registers/system/");
        await page.AnswerWithAsync("/registers/system/items/", "/registers/registers/items/");

        await page.OpenAsync("/ui/?register=system&entry=1");

        // The origin isolated (U+2068, U+2069), as data set among the page's words is: a right-to-left one cannot reorder them.
        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync(
            new Regex("^not verified: the checkpoint is of '\u2068[^'\u2068\u2069]+/registers/registers/system\u2069', not of this register$"));
        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
    }

    [Fact]
    public async Task An_entry_served_when_another_was_asked_for_is_not_verified()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AnswerWithAsync("/registers/registers/entries/2$", "/registers/registers/entries/1");

        await page.OpenAsync("/ui/?register=registers&entry=2");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server sent entry \u20681\u2069 when asked for entry 2");
    }

    [Fact]
    public async Task An_entry_whose_chain_hash_is_not_the_one_the_entries_before_it_make_is_not_verified()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AlterAnswersAsync("/registers/registers/entries/2$", body => Regex.Replace(body, "\"chain-hash\":\"[^\"]*\"", $"\"chain-hash\":\"{Zeroed}\""));

        await page.OpenAsync("/ui/?register=registers&entry=2");

        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the chain hash of entry 2 is not the one entries 1 to 2 make");
        await Expect(page.Locator("#chain-hash")).ToContainTextAsync(Zeroed);
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync($"the server sent \u2068{Zeroed}\u2069.");
    }

    [Fact]
    public async Task An_entry_numbered_out_of_its_place_in_the_list_is_not_verified_and_its_number_is_isolated()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AlterAnswersAsync("/registers/registers/entries\\?start=", body => body.Replace("\"entry-number\":\"1\"", "\"entry-number\":\"\u05d0\""));

        await page.OpenAsync("/ui/?register=registers&entry=2");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: entries 1 to 2 the server sent could not be read");
        // The number as sent, isolated (U+2068, U+2069): a right-to-left one cannot reorder the words around it.
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("the list's entry 1 is numbered '\u2068\u05d0\u2069'");
    }

    [Fact]
    public async Task A_history_rewritten_before_the_entry_with_chain_hashes_to_match_is_not_verified()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.ServeHistoryAsync("registers", await RewrittenHistory.OfAsync(server.Address, "registers"));

        await page.OpenAsync("/ui/?register=registers&entry=2");

        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: entries 1 to 2, as the server lists them, are not those of the signed tree");
    }

    [Fact]
    public async Task A_true_chain_hash_is_said_to_be_checked()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=registers&entry=2");

        await Expect(page.ProofStatus()).ToHaveTextAsync("verified");
        await Expect(page.Locator("#chain-hash")).ToContainTextAsync("checked: it follows from entries 1 to 2 of the signed tree");
    }
}

/// <summary>A server of its own holding one register, named "registers", of three records.</summary>
public sealed class RegisterNamedRegistersServer(PostgresCluster cluster) : OneRegisterServer(cluster, "registers", [],
    [("first", """{"registers":"first"}"""), ("second", """{"registers":"second"}"""), ("third", """{"registers":"third"}""")]);
