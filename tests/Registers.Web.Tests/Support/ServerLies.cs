using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Registers.Web.Tests.Support;

/// <summary>
/// A server that lies, played by the browser's own request routing: the page's requests are answered with another
/// of the server's resources, or with a real answer altered, as a compromised server or a proxy could answer.
/// </summary>
internal static class ServerLies
{
    /// <summary>Answers requests whose URL matches <paramref name="pattern"/> with the resource the URL rewritten by <paramref name="replacement"/> names.</summary>
    public static Task AnswerWithAsync(this IPage page, string pattern, string replacement) =>
        page.RouteAsync(new Regex(pattern), async route =>
        {
            var answer = await route.FetchAsync(new() { Url = Regex.Replace(route.Request.Url, pattern, replacement) });
            await route.FulfillAsync(new() { Response = answer });
        });

    /// <summary>Answers requests whose URL matches <paramref name="pattern"/> with the real answer's body changed by <paramref name="alter"/>.</summary>
    public static Task AlterAnswersAsync(this IPage page, string pattern, Func<string, string> alter) =>
        page.RouteAsync(new Regex(pattern), async route =>
        {
            var answer = await route.FetchAsync();
            await route.FulfillAsync(new() { Response = answer, Body = alter(await answer.TextAsync()) });
        });
}
