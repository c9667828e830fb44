using System.Diagnostics;
using System.Globalization;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>Where the server listens is the operator's to choose, by any of ASP.NET Core's own settings, and a choice it cannot listen on is said in one line.</summary>
public sealed class ListenAddressTests(PostgresCluster cluster)
{
    [Fact]
    public async Task The_port_given_in_ASPNETCORE_HTTP_PORTS_is_the_one_listened_on()
    {
        var port = ServerProcess.FreePort();
        var folder = ServerExit.NewDataDirectory();
        using var server = ServerExit.Start(
            new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture) },
            $"--ConnectionStrings:Registers={await cluster.CreateDatabaseAsync()}",
            $"--Registers:DataDirectory={folder}");
        var output = server.StandardOutput.ReadToEndAsync();
        var error = server.StandardError.ReadToEndAsync();
        try
        {
            var answered = await AnswersAsync(new Uri($"http://127.0.0.1:{port}"), server);

            Assert.True(answered, $"nothing answered on port {port}:\n{(server.HasExited ? await output + await error : "")}");
        }
        finally
        {
            if (!server.HasExited)
            {
                await Signals.SendAsync(server.Id, "TERM");
                await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("localhost-5080")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:0;no address")]
    public async Task An_address_that_cannot_be_listened_on_is_named_with_the_option_that_sets_it(string urls)
    {
        var outcome = await ServerExit.RunAsync(
            $"--ConnectionStrings:Registers={await cluster.CreateDatabaseAsync()}",
            $"--Registers:DataDirectory={ServerExit.NewDataDirectory()}",
            $"--urls={urls}");

        FailedStartTests.AssertOneLineFailure(outcome, "--urls", urls.Split(';')[^1]);
    }

    [Fact]
    public async Task A_host_name_other_than_localhost_is_warned_of_at_start_as_listening_on_every_interface()
    {
        var port = ServerProcess.FreePort();
        var folder = ServerExit.NewDataDirectory();
        var address = $"http://registers.invalid:{port}";
        using var server = ServerExit.Start(
            $"--ConnectionStrings:Registers={await cluster.CreateDatabaseAsync()}",
            $"--Registers:DataDirectory={folder}",
            $"--urls={address}");
        var output = server.StandardOutput.ReadToEndAsync();
        var error = server.StandardError.ReadToEndAsync();
        try
        {
            // Kestrel does not look the name up: it listens on every interface, loopback among them.
            Assert.True(await AnswersAsync(new Uri($"http://127.0.0.1:{port}"), server), "nothing answered on the loopback interface");
        }
        finally
        {
            if (!server.HasExited)
            {
                await Signals.SendAsync(server.Id, "TERM");
                await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            }

            Directory.Delete(folder, recursive: true);
        }

        var printed = await output.WaitAsync(TimeSpan.FromSeconds(10)) + await error.WaitAsync(TimeSpan.FromSeconds(10));
        var warning = Assert.Single(printed.Split('\n'), line => line.Contains(address, StringComparison.Ordinal));
        Assert.Contains("every network interface", warning, StringComparison.Ordinal);
        Assert.Contains($"http://0.0.0.0:{port}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_https_address_with_no_certificate_configured_says_so_in_one_line_naming_the_certificate_settings()
    {
        // A home of its own: no ASP.NET Core development certificate, as on a server.
        var home = Directory.CreateTempSubdirectory("registers-home-").FullName;
        try
        {
            var outcome = await ServerExit.RunAsync(
                new Dictionary<string, string> { ["HOME"] = home },
                $"--ConnectionStrings:Registers={await cluster.CreateDatabaseAsync()}",
                $"--Registers:DataDirectory={ServerExit.NewDataDirectory()}",
                $"--urls=https://127.0.0.1:{ServerProcess.FreePort()}");

            FailedStartTests.AssertOneLineFailure(outcome, "https", "no certificate is configured", "Kestrel:Certificates:Default:Path");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Whether the server answers at <paramref name="address"/> before it ends or two minutes pass.</summary>
    private static async Task<bool> AnswersAsync(Uri address, Process server)
    {
        using var probe = new HttpClient { BaseAddress = address };
        var waited = Stopwatch.StartNew();
        while (!server.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                return (await probe.GetAsync("/.well-known/registers/log-key")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }
}
