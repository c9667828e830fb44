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
        Assert.Equal(
            $"registers status: {web.Address} did not answer as a register server does (The server's register proof has no root-hash.): check the server's address\n",
            run.Error);
    }

    [Fact]
    public void An_append_answered_with_an_empty_json_object_is_not_taken_for_a_receipt()
    {
        // An answer without the receipt's members once ended in a null reference, reported as if it were a usage error.
        using var web = new StaticWebServer("application/json", "{}");
        var key = Path.Combine(_folder.Path, "alice.key");
        Assert.Equal(0, RegistersCli.Run(RegistersCli.Environment(_folder.Path), "keygen", "custodian.example/alice", "--out", key).ExitCode);

        var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "append", "-r", "country", "--server", web.Address, "--key", key, "GB", "name=United Kingdom");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        Assert.Equal(
            $"registers append: {web.Address} did not answer as a register server does (The server's write receipt has no register, user or system log.): check the server's address\n",
            run.Error);
    }
}
