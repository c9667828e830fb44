using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// When a check cannot be made (an answer is missing, broken or not what it should be), the page says so in words for
/// people; the script's error or the server's answer is kept below it as detail, never as the headline.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ProofProblemTests(Browser browser, DemoServer demo)
{
    [Fact]
    public async Task A_proof_that_is_not_json_is_said_plainly_and_the_parse_error_is_detail()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await AnswerAsync(page, "/proof/entry/", 200, "application/json", "oops {");

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the inclusion proof the server sent could not be read");
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("not valid JSON");
        await Expect(page.Locator("#proof-detail pre")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_proof_of_the_wrong_shape_is_said_plainly_and_not_as_a_script_error()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await AnswerAsync(page, "/proof/entry/", 200, "application/json", """{"merkle-audit-path":["md5:00"]}""");

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the inclusion proof the server sent could not be read");
        // The hash as sent, isolated (U+2068, U+2069): a right-to-left one cannot reorder the words around it.
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("'\u2068md5:00\u2069' is not a sha-256 hash");
    }

    [Fact]
    public async Task A_proof_the_server_fails_to_send_names_the_status_only_as_detail()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await AnswerAsync(page, "/proof/entry/", 500, "application/problem+json", """{"title":"Internal","status":500,"detail":"{\"x\":1}"}""");

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server did not send the inclusion proof");
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("HTTP 500");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"title":7,"detail":["x"]}""")]
    public async Task A_refusal_whose_body_is_no_problem_document_names_the_status_only(string body)
    {
        var page = await browser.NewPageAsync(demo.Address);
        await AnswerAsync(page, "/proof/entry/", 502, "application/json", body);

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server did not send the inclusion proof");
        await Expect(page.Locator("#proof-detail pre")).ToHaveTextAsync("HTTP 502");
    }

    [Fact]
    public async Task A_checkpoint_the_server_fails_to_send_leaves_the_entry_shown_and_not_verified()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await AnswerAsync(page, "/checkpoint$", 500, "application/problem+json", """{"title":"Internal","status":500,"detail":"{\"x\":1}"}""");

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Entry 189");
        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server did not send the register's latest checkpoint");
        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync("not verified: the server did not send the register's latest checkpoint");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("{\"x\":1}", new() { UseInnerText = true });
    }

    [Fact]
    public async Task A_checkpoint_that_cannot_be_read_is_shown_as_sent_only_inside_the_detail()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await AnswerAsync(page, "/checkpoint$", 200, "text/plain", """{"json":"here"}""");

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync("not verified: the checkpoint is malformed");
        await Expect(page.Locator("#checkpoint-detail")).ToContainTextAsync("""{"json":"here"}""");
        await Expect(page.Locator("#checkpoint-detail pre")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_technical_detail_opens_from_the_keyboard_and_shows_where_the_focus_is()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await AnswerAsync(page, "/proof/entry/", 200, "application/json", "oops {");
        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        var summary = page.Locator("#proof-detail summary");
        await summary.FocusAsync();
        await Expect(summary).ToHaveCSSAsync("outline-color", "rgb(11, 12, 12)");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#proof-detail pre")).ToBeVisibleAsync();
    }

    private static Task AnswerAsync(IPage page, string pattern, int status, string type, string body) =>
        page.RouteAsync(new System.Text.RegularExpressions.Regex(pattern), route => route.FulfillAsync(new() { Status = status, ContentType = type, Body = body }));
}
