using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>A first start at the default log level says what it did in a few lines an operator reads, not the libraries' working.</summary>
public sealed class StartupOutputTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_first_start_prints_no_schema_SQL_only_that_the_schema_was_brought_up()
    {
        var output = await FirstStartOutputAsync();

        Assert.Contains("Database schema brought up to this build", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CREATE OR REPLACE FUNCTION", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null, LogLevel.Warning, true)]
    [InlineData(null, LogLevel.Error, true)]
    [InlineData(null, LogLevel.Information, false)]
    [InlineData("Information", LogLevel.Information, true)]
    public void Marten_still_logs_its_warnings_and_errors_and_what_is_configured_for_it(string? configured, LogLevel level, bool logged)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Marten"] = configured,
        }).Build();
        using var logs = LoggerFactory.Create(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole();
            LibraryLogLevels.Quiet(logging, configuration);
        });

        Assert.Equal(logged, logs.CreateLogger("Marten.IDocumentStore").IsEnabled(level));
    }

    [Fact]
    public async Task A_start_does_not_warn_that_there_are_no_message_handlers()
    {
        var output = await FirstStartOutputAsync();

        Assert.Contains("Registers server ready", output, StringComparison.Ordinal);
        Assert.DoesNotContain("found no handlers", output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Everything a first start on a fresh database prints at the default log level, until it is ready and is stopped.</summary>
    private async Task<string> FirstStartOutputAsync()
    {
        var folder = ServerExit.NewDataDirectory();
        using var server = ServerExit.Start(
            $"--ConnectionStrings:Registers={await cluster.CreateDatabaseAsync()}",
            $"--Registers:DataDirectory={folder}",
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Information");
        var error = server.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains("Registers server ready", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            if (!server.HasExited)
            {
                await Signals.SendAsync(server.Id, "TERM");
            }

            output.Append(await server.StandardOutput.ReadToEndAsync());
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Directory.Delete(folder, recursive: true);
        }

        return output.Append(await error).ToString();
    }
}
