using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Readme;

/// <summary>
/// Runs the README's walkthrough against a real server seeded with the shipped registers, step by step as a reader
/// would, and checks that each step prints what the README shows. The README's address (<c>http://localhost:5080</c>)
/// is the test server's; its origins are the README's because the server is given the same public host.
/// </summary>
public sealed class WalkthroughTests(PostgresCluster cluster, ITestOutputHelper output)
{
    private const string ReadmeAddress = "http://localhost:5080";

    [Fact]
    public async Task Every_walkthrough_step_in_the_readme_runs_and_prints_what_the_readme_shows()
    {
        var steps = WalkthroughSteps.Read(await File.ReadAllTextAsync(Checkout.PathOf("README.md")));
        Assert.True(steps.Count >= 5, $"the README has {steps.Count} walkthrough steps: is its section still headed '{WalkthroughSteps.SectionPrefix}...'?");
        Assert.True(steps.Count(step => step.Expected is not null) >= 5, "too few steps show their output for the walkthrough to be checked");

        using var folder = TempFile.Folder();
        var data = Path.Combine(folder.Path, "data");
        using var server = await ServerProcess.StartAsync(await cluster.CreateDatabaseAsync(), data,
            "--Registers:SeedOnFirstStart=true", $"--Registers:SeedDirectory={Checkout.PathOf("registers-data")}", "--Registers:PublicHost=localhost:5080");
        var address = server.Address.ToString().TrimEnd('/');
        var work = Directory.CreateDirectory(Path.Combine(folder.Path, "work")).FullName;
        var shell = new Shell(work, new Dictionary<string, string>
        {
            ["HOME"] = work,
            ["REGISTERS_SERVER"] = address,
            ["REGISTERS_KEY"] = Path.Combine(data, "admin-key"), // in a checkout the command finds .data/admin-key by itself
        });

        foreach (var step in steps)
        {
            var run = await shell.RunAsync(step.Commands.Replace(ReadmeAddress, address, StringComparison.Ordinal));
            var printed = run.Out.Replace(address, ReadmeAddress, StringComparison.Ordinal);
            output.WriteLine($"$ {step.Commands}\n{printed}");
            Assert.True(run.ExitCode == 0, $"README line {step.Line}: exit {run.ExitCode}\n{step.Commands}\n--- stdout\n{printed}--- stderr\n{run.Error}");
            Assert.True(step.Expected is null || ExpectedOutput.Matches(step.Expected, printed),
                $"README line {step.Line} printed other than the README shows.\n--- commands\n{step.Commands}\n--- README\n{step.Expected}\n--- printed\n{printed}--- stderr\n{run.Error}");
        }
    }
}
