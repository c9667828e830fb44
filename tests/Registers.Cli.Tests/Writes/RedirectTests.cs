using System.Net;
using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

/// <summary>
/// A server that answers with a redirect: a signed write is never sent on (its body and signature would go to whatever
/// host the redirect names), while reads may follow, as GOV.UK's older paths are redirected.
/// </summary>
public sealed class RedirectTests : IDisposable
{
    private readonly TempFolder _folder = TempFile.Folder();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public void A_write_answered_with_a_redirect_is_not_sent_on_and_the_redirect_is_named(HttpStatusCode redirect)
    {
        using var elsewhere = new StaticWebServer("application/json", "{}");
        using var server = new StaticWebServer("text/plain", "", redirect) { RedirectTo = elsewhere.Address };
        var key = Key();
        var definition = _folder.File("school.json", Custodian.Definition); // so that append asks the server nothing before it writes

        var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "append", "-r", "school", "--server", server.Address, "--key", key, "--definition", definition, "100001", "name=Leeds School");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(["POST /registers/school/entries"], server.Requests);
        Assert.Empty(elsewhere.Requests);
        Assert.Contains($"redirected the write to {elsewhere.Address}registers/school/entries", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_answered_with_a_redirect_still_follows_it()
    {
        using var elsewhere = new StaticWebServer("application/json", "{}");
        using var server = new StaticWebServer("text/plain", "", HttpStatusCode.TemporaryRedirect) { RedirectTo = elsewhere.Address };

        RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "status", "-r", "school", "--server", server.Address);

        Assert.NotEmpty(elsewhere.Requests);
        Assert.All(elsewhere.Requests, request => Assert.StartsWith("GET ", request, StringComparison.Ordinal));
    }

    private string Key()
    {
        var key = Path.Combine(_folder.Path, "alice.key");
        Assert.Equal(0, RegistersCli.Run(RegistersCli.Environment(_folder.Path), "keygen", "custodian.example/alice", "--out", key).ExitCode);
        return key;
    }
}
