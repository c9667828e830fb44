using Npgsql;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// The database behind the server is altered, as an intruder or a bad restore would: the page must not say
/// "verified" for what it can no longer prove. Each test alters a different entry of its own seeded server.
/// </summary>
public sealed class TamperTests(Browser browser, TamperedServer demo) : IClassFixture<TamperedServer>
{
    [Fact]
    public async Task An_entry_whose_stored_timestamp_was_changed_is_not_verified()
    {
        await AlterAsync("UPDATE registers.entries SET timestamp = timestamp + interval '1 second' WHERE register = 'vehicle' AND log = 0 AND number = 189");
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.ProofStatus()).ToContainTextAsync("not verified: the inclusion proof does not lead from this entry");
    }

    [Fact]
    public async Task An_entry_whose_stored_item_was_changed_is_not_verified()
    {
        await AlterAsync("""
            UPDATE registers.items SET content = replace(content, '"colour":"Grey"', '"colour":"Red"')
            WHERE register = 'vehicle' AND hash = (SELECT substring(item_hashes FROM 1 FOR 32) FROM registers.entries WHERE register = 'vehicle' AND log = 0 AND number = 3)
            """);
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&entry=3");

        await Expect(page.Locator("main").FieldValues("colour")).ToHaveTextAsync("Red");
        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.ProofStatus()).ToContainTextAsync("is not the item the entry names");
    }

    [Fact]
    public async Task A_checkpoint_whose_stored_root_was_changed_fails_its_signature()
    {
        await AlterAsync("""
            UPDATE registers.checkpoints SET note = regexp_replace(note, '\n[A-Za-z0-9+/]{43}=\n', E'\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n')
            WHERE register = 'country'
            """);
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=country&entry=1");

        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync("not verified: the checkpoint's signature is not valid");
        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
    }

    [Fact]
    public async Task A_stored_chain_hash_that_was_changed_fails_every_entry_from_it_on()
    {
        await AlterAsync("UPDATE registers.entries SET chain_hash = decode(repeat('00', 32), 'hex') WHERE register = 'vehicle' AND log = 0 AND number = 5");
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&entry=7");

        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the chain hash of entry 5 is not the one entries 1 to 5 make");
    }

    private async Task AlterAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(demo.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the statement altered nothing: the test would prove nothing");
    }
}
