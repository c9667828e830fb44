using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Readme;

public sealed partial class ReadmeTests(PostgresCluster cluster)
{
    [Fact]
    public void Every_client_example_in_the_readme_is_quoted_word_for_word_from_the_compiled_examples()
    {
        var root = ServerProcess.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var examples = Region().Matches(File.ReadAllText(Path.Combine(root, "tests", "Registers.Client.Tests", "Readme", "ReadmeExamples.cs")));

        Assert.Equal(["usings", "verified-lookup", "typed-client", "tracker"], examples.Select(match => match.Groups["name"].Value));
        foreach (Match example in examples)
        {
            var lines = example.Groups["body"].Value.TrimEnd().Split('\n');
            var indent = lines.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
            var quoted = string.Join('\n', lines.Select(line => line.Length >= indent ? line[indent..] : line.Trim()));
            Assert.Contains(quoted, readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_readme_examples_verify_a_record_resolve_from_a_service_provider_and_track_a_checkpoint()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        var keyFile = Path.Combine(live.Folder, "log-key.pub");
        await File.WriteAllTextAsync(keyFile, live.Trust().LogKey + "\n");
        var state = Path.Combine(live.Folder, "state");

        var lookup = await ReadmeExamples.VerifiedLookupAsync(live.Address, keyFile);
        await using var provider = ReadmeExamples.TypedClients(live.Address, keyFile, state);
        var resolved = await provider.GetRequiredService<VerifyingClient>().GetVerifiedRecordAsync("school", "100002");
        var tracked = await ReadmeExamples.TrackAsync(live.Reader(), live.Trust(), state);

        Assert.Matches(@"^Leeds School: entry 1, verified against checkpoint 2 \(root sha-256:[0-9a-f]{64}\)$", lookup);
        Assert.Equal("York School", resolved!.Field("name"));
        Assert.Equal(2, tracked);
        Assert.True(File.Exists(Path.Combine(state, "school.checkpoint")));
    }

    [GeneratedRegex(@"// readme: (?<name>[a-z-]+)\r?\n(?<body>.*?)\r?\n\s*// end readme", RegexOptions.Singleline)]
    private static partial Regex Region();
}
