using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// What a server says is shown when a check fails (an entry's timestamp, a problem's detail), and a server can say
/// anything a JSON string holds: terminal control characters too. Written as they came, they would move the cursor and
/// erase "NOT VERIFIED" on the auditor's terminal, or write over it what the server likes; they are shown escaped.
/// </summary>
public sealed partial class ServerTextOnTerminalTests(PostgresCluster cluster)
{
    // Up a line, erase it, and say what the server wants said: JSON escapes, so the client reads the control characters themselves.
    private const string Spoof = @"\u001b[1A\u001b[2K\rverified\u009b2K\u0007";

    [Fact]
    public async Task Control_characters_in_an_entry_the_server_serves_are_escaped_in_the_evidence()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");

        var refused = audited.VerifyThrough(new SpoofedTimestamp(), "verify-record", "100001");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("NOT VERIFIED", refused.Error, StringComparison.Ordinal);
        Assert.Contains(@"\u001b[1A\u001b[2K\u000dverified\u009b2K\u0007", refused.Out + refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain((refused.Out + refused.Error).ToCharArray(), c => char.IsControl(c) && c is not ('\n' or '\t'));
    }

    [Fact]
    public async Task Control_characters_in_a_problem_the_server_answers_with_are_escaped()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");

        var refused = audited.VerifyThrough(new SpoofedProblem(Spoof), "audit", "follow", "--once", "--state", Path.Combine(audited.Server.Folder.Path, "state"));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(@"\u001b[1A", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain((refused.Out + refused.Error).ToCharArray(), c => char.IsControl(c) && c is not ('\n' or '\t'));
    }

    [Fact]
    public async Task Bidirectional_controls_in_a_problem_the_server_answers_with_are_escaped()
    {
        // Trojan Source: a right-to-left override, isolates and marks would show the auditor the line in another order than
        // it is written in, "NOT VERIFIED" read backwards or moved; JSON escapes, so the client reads the characters themselves.
        const string reordered = @"\u202eDEIFIREV TON\u202c \u2066x\u2069\u2067y\u2068z\u2069 \u202a\u202b\u202d\u200e\u200f\u061c";
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");

        var refused = audited.VerifyThrough(new SpoofedProblem(reordered), "audit", "follow", "--once", "--state", Path.Combine(audited.Server.Folder.Path, "state"));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(reordered, refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain((refused.Out + refused.Error).ToCharArray(),
            c => c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c');
    }

    /// <summary>Serves every entry with a timestamp that is control characters and a word.</summary>
    private sealed partial class SpoofedTimestamp : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.StartsWith("/registers/school/entries/", StringComparison.Ordinal))
            {
                return response;
            }

            var json = Timestamp().Replace(await response.Content.ReadAsStringAsync(cancellationToken), $"\"entry-timestamp\":\"{Spoof}\"");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }

        [GeneratedRegex("\"entry-timestamp\":\"[^\"]*\"")]
        private static partial Regex Timestamp();
    }

    /// <summary>Answers the checkpoint with a problem whose detail is <paramref name="detail"/> (JSON string text).</summary>
    private sealed class SpoofedProblem(string detail) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath == "/registers/school/checkpoint"
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden)
                {
                    Content = new StringContent($$"""{"title":"Forbidden","status":403,"detail":"{{detail}}"}""", Encoding.UTF8, "application/problem+json"),
                })
                : base.SendAsync(request, cancellationToken);
    }
}
