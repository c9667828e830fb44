using System.Net;
using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Config;

/// <summary>A server address that reaches some other web server: the commands say so, and never take its answers as a register's.</summary>
public sealed class NotARegisterServerTests : IDisposable
{
    private readonly TempFolder _folder = TempFile.Folder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Status_from_a_web_page_says_the_address_is_not_a_register_servers()
    {
        using var web = new StaticWebServer("text/html", "<html><body>Welcome</body></html>");

        var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "status", "-r", "country", "--server", web.Address);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        Assert.StartsWith($"registers status: {web.Address} did not answer as a register server does (", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("): check the server's address\n", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html", "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>")]
    [InlineData("text/plain", "404 page not found")]
    [InlineData("application/json", "{\"error\":\"not found\"}")]
    public void A_404_without_problem_details_is_no_register_servers_answer_whatever_the_command(string contentType, string body)
    {
        // A register server answers every 404 with problem details; any other 404 means the address (or the path below
        // it) is wrong. It was once taken for a register that does not exist ("create it first"), or a refusal.
        using var web = new StaticWebServer(contentType, body, HttpStatusCode.NotFound);

        EveryCommandIsToldItIsNoRegisterServer(web, "answered 404 Not Found, without the problem details a register server gives");
    }

    [Fact]
    public void A_501_without_problem_details_is_no_register_servers_answer_whatever_the_command()
    {
        // A plain web server answers a write (POST) with 501 Unsupported method. A register server never answers 501: append
        // once took it for a failing server (exit 3, "run again") where reads said the address was wrong (exit 2).
        using var web = new StaticWebServer("text/html", "<html><body><h1>Error response</h1><p>Error code: 501</p></body></html>", HttpStatusCode.NotImplemented);

        EveryCommandIsToldItIsNoRegisterServer(web, "answered 501 Not Implemented, without the problem details a register server gives");
    }

    [Fact]
    public void A_web_page_is_no_register_servers_answer_whatever_the_command()
    {
        // Verifying commands once reported it as a checkpoint that does not verify, as if the server had been caught out.
        using var web = new StaticWebServer("text/html", "<html><body>Welcome</body></html>");

        EveryCommandIsToldItIsNoRegisterServer(web, "answered with a web page (text/html)");
    }

    [Fact]
    public void Https_to_a_plain_http_server_says_what_went_wrong_not_see_inner_exception()
    {
        using var web = new StaticWebServer("text/html", "<html><body>Welcome</body></html>");

        var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "status", "-r", "country", "--server", web.Address.Replace("http:", "https:", StringComparison.Ordinal));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("registers status: cannot reach the server: The SSL connection could not be established: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_from_an_empty_json_object_is_not_shown_as_an_empty_register()
    {
        // An answer without the proof's members once came out as size 0 and an empty root, exit 0.
        using var web = new StaticWebServer("application/json", "{}");

        var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "status", "-r", "country", "--server", web.Address);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        Assert.StartsWith($"registers status: {web.Address} did not answer as a register server does (The server's register proof is not the JSON the API defines: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("'root-hash'", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("): check the server's address\n", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Each command fails with a usage exit and names the address and why its answer was no register server's.</summary>
    private void EveryCommandIsToldItIsNoRegisterServer(StaticWebServer web, string why)
    {
        foreach (var (name, args) in Commands())
        {
            var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), [.. args, "--server", web.Address]);

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Equal("", run.Out);
            Assert.StartsWith($"registers {name}: {web.Address} did not answer as a register server does (", run.Error, StringComparison.Ordinal);
            Assert.Contains(why, run.Error, StringComparison.Ordinal);
            Assert.EndsWith("): check the server's address\n", run.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>Every command that talks to a server, by the name its messages start with, with what it needs but the server.</summary>
    private IEnumerable<(string Name, string[] Args)> Commands()
    {
        var key = Path.Combine(_folder.Path, "alice.key");
        if (!File.Exists(key))
        {
            Assert.Equal(0, RegistersCli.Run(RegistersCli.Environment(_folder.Path), "keygen", "custodian.example/alice", "--out", key).ExitCode);
        }

        var logKey = key + ".pub";
        var definition = _folder.File("school.json", Custodian.Definition);
        var csv = _folder.File("schools.csv", "school,name\n100001,Leeds School\n");
        var rsf = Checkout.PathOf("registers-data", "country", "country.rsf");
        return
        [
            ("status", ["status", "-r", "school"]),
            ("create", ["create", "--key", key, definition]),
            ("custodian-key allow", ["custodian-key", "allow", "-r", "school", "--key", key, File.ReadAllText(logKey).Trim()]),
            ("append", ["append", "-r", "school", "--key", key, "100001", "name=Leeds School"]),
            ("import", ["import", "-r", "school", "--key", key, csv]),
            ("load", ["load", "-r", "country", "--key", key, rsf]),
            ("verify-record", ["verify-record", "-r", "school", "--key-file", logKey, "100001"]),
            ("audit follow", ["audit", "follow", "--once", "-r", "school", "--key-file", logKey, "--state", Path.Combine(_folder.Path, "audit")]),
            ("audit full", ["audit", "full", "-r", "school", "--key-file", logKey]),
            ("mirror", ["mirror", "-r", "school", "--key-file", logKey, Path.Combine(_folder.Path, "school.rsf")]),
        ];
    }

    [Fact]
    public void An_append_answered_with_an_empty_json_object_is_not_taken_for_a_receipt()
    {
        // An answer without the receipt's members once ended in a null reference, reported as if it were a usage error.
        using var web = new StaticWebServer("application/json", "{}");
        var key = Path.Combine(_folder.Path, "alice.key");
        Assert.Equal(0, RegistersCli.Run(RegistersCli.Environment(_folder.Path), "keygen", "custodian.example/alice", "--out", key).ExitCode);

        // With a definition, append asks the server nothing before it writes.
        var definition = _folder.File("country.json", """{"name":"country","fields":[{"field":"country","datatype":"string","cardinality":"1"},{"field":"name","datatype":"string","cardinality":"1"}]}""");

        var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "append", "-r", "country", "--server", web.Address, "--key", key, "--definition", definition, "GB", "name=United Kingdom");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        Assert.StartsWith($"registers append: {web.Address} did not answer as a register server does (The server's write receipt is not the JSON the API defines: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("'register'", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("): check the server's address\n", run.Error, StringComparison.Ordinal);
    }
}
