using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Registers.Web.Tests.Support;

/// <summary>
/// A server that does not answer, or cannot be reached, played by the browser's own request routing; and the page's
/// request timeout made short, so a test waits a second where a person would wait a minute.
/// </summary>
internal static class SilentServer
{
    /// <summary>Makes the page give up on a request after <paramref name="timeout"/> (set before its scripts run).</summary>
    public static Task TimeOutRequestsAfterAsync(this IPage page, TimeSpan timeout) =>
        page.AddInitScriptAsync($"globalThis.registersRequestTimeoutMs = {timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)};");

    /// <summary>Leaves requests whose URL matches <paramref name="pattern"/> unanswered, as a server that hangs would.</summary>
    public static Task LeaveUnansweredAsync(this IPage page, string pattern) =>
        page.RouteAsync(new Regex(pattern), _ => Task.CompletedTask);

    /// <summary>Fails requests whose URL matches <paramref name="pattern"/> as a server no longer listening does.</summary>
    public static Task RefuseAsync(this IPage page, string pattern) =>
        page.RouteAsync(new Regex(pattern), route => route.AbortAsync("connectionrefused"));
}
