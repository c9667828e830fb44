using Microsoft.Extensions.DependencyInjection;
// readme: usings
using Registers.Client;
using Registers.Client.Tracking;
using Registers.Client.Verification;
// end readme

namespace Registers.Client.Tests.Readme;

/// <summary>
/// The client examples of README.md, compiled: each block between <c>// readme: NAME</c> and <c>// end readme</c> is quoted
/// there word for word (<see cref="ReadmeTests"/> checks the quotes and runs the examples against a real server).
/// </summary>
internal static class ReadmeExamples
{
    public static async Task<string> VerifiedLookupAsync(Uri server, string logKeyFile)
    {
        // readme: verified-lookup
        using var http = new HttpClient { BaseAddress = server };
        var trust = CheckpointTrust.FromKeyFile(File.ReadAllText(logKeyFile)); // pinned: never fetched from the server it checks
        var registers = new VerifyingClient(new RegistersClient(http), trust);
        try
        {
            var record = await registers.GetVerifiedRecordAsync("school", "100001");
            return record is null
                ? "no such record (the server's word: absence is not proved)"
                : $"{record.Field("name")}: entry {record.EntryNumber}, verified against {record.Checkpoint}";
        }
        catch (VerificationException failure)
        {
            return string.Join('\n', failure.Evidence()); // what failed, expected and got, the checkpoints and the proof
        }
        // end readme
    }

    public static ServiceProvider TypedClients(Uri server, string logKeyFile, string stateFolder)
    {
        var services = new ServiceCollection();
        // readme: typed-client
        services.AddHttpClient<RegistersClient>(http => http.BaseAddress = server);
        services.AddSingleton(CheckpointTrust.FromKeyFile(File.ReadAllText(logKeyFile)));
        services.AddSingleton<ILogStateStore>(new FileLogStateStore(stateFolder)); // the last trusted checkpoints survive restarts
        services.AddTransient(provider => new VerifyingClient(
            provider.GetRequiredService<RegistersClient>(), provider.GetRequiredService<CheckpointTrust>(), provider.GetRequiredService<ILogStateStore>()));
        // end readme
        return services.BuildServiceProvider();
    }

    public static async Task<long> TrackAsync(RegistersClient client, CheckpointTrust trust, string stateFolder)
    {
        // readme: tracker
        var tracker = new LogStateTracker(client, trust, new FileLogStateStore(stateFolder));
        var checkpoint = await tracker.UpdateAsync("school"); // throws VerificationException unless it extends the last one
        // end readme
        return checkpoint.Size;
    }
}
