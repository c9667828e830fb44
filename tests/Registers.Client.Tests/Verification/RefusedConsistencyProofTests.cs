using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Client.Tracking;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// A server that signs a newer checkpoint and then refuses the consistency proof from the trusted one could hide a fork
/// for as long as it refused, were the refusal taken for an outage: the tracker fails verification instead and keeps both
/// checkpoints as evidence. A server that fails, is busy or times out refused nothing: that stays its own exception.
/// </summary>
public sealed class RefusedConsistencyProofTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_consistency_proof_refused_with_a_4xx_fails_verification_and_keeps_both_checkpoints_as_evidence()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"));
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        var refusals = new[]
        {
            Refusal.Problem(400, "Bad Request"),
            Refusal.Problem(404, "Unknown size"),
            Refusal.Problem(422, "Unprocessable"),
            new Refusal(404, "404 page not found", "text/plain"), // no problem details: the client took it for another web server's
        };
        var trusted = await new LogStateTracker(live.Reader(), live.Trust()).UpdateAsync(LiveRegister.Name);
        await live.AppendAsync(("100002", "York School"));

        foreach (var refusal in refusals)
        {
            var folder = Directory.CreateDirectory(Path.Combine(live.Folder, $"state-{refusal.Status}-{refusal.ContentType.Replace('/', '-')}")).FullName;
            var store = new FileLogStateStore(folder);
            await store.SaveAsync(LiveRegister.Name, trusted.SignedNote, default);
            proxy.Misbehave = target => target.Contains("/proof/consistency/", StringComparison.Ordinal) ? refusal : null;

            var failure = await Assert.ThrowsAsync<VerificationException>(
                () => new LogStateTracker(LiveRegister.ReaderAt(proxy.Address), live.Trust(), store).UpdateAsync(LiveRegister.Name));

            Assert.Equal(VerificationProblem.ProofRefused, failure.Problem);
            Assert.Contains($"refused the consistency proof from 1 to 2", failure.Message, StringComparison.Ordinal);
            Assert.Contains(refusal.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Actual, StringComparison.Ordinal);
            Assert.Equal(trusted.SignedNote, failure.TrustedCheckpoint);
            Assert.Contains($"/registers/{LiveRegister.Name}\n2\n", failure.NewerCheckpoint, StringComparison.Ordinal);
            Assert.Equal(string.Join('\n', failure.Evidence()) + "\n", File.ReadAllText(store.EvidenceFile(LiveRegister.Name)));
            Assert.Equal(trusted.SignedNote, await store.LoadAsync(LiveRegister.Name, default));
        }
    }

    [Fact]
    public async Task A_consistency_proof_the_server_fails_to_give_stays_the_servers_failure_and_keeps_no_evidence()
    {
        // A guard: these were never taken for a failure to verify, and must not become one.
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"));
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        var store = new MemoryLogStateStore();
        var trusted = await new LogStateTracker(live.Reader(), live.Trust(), store).UpdateAsync(LiveRegister.Name);
        await live.AppendAsync(("100002", "York School"));

        foreach (var status in new[] { 408, 429, 500, 503 })
        {
            proxy.Misbehave = target => target.Contains("/proof/consistency/", StringComparison.Ordinal) ? Refusal.Problem(status, "Not now") : null;

            var failure = await Assert.ThrowsAsync<RegistersException>(
                () => new LogStateTracker(LiveRegister.ReaderAt(proxy.Address), live.Trust(), store).UpdateAsync(LiveRegister.Name));

            Assert.Equal(status, (int)failure.StatusCode);
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => new LogStateTracker(new Unreachable(live.Reader()), live.Trust(), store).UpdateAsync(LiveRegister.Name));
        Assert.Null(store.Evidence(LiveRegister.Name));
        Assert.Equal(trusted.SignedNote, await store.LoadAsync(LiveRegister.Name, default));
    }

    /// <summary>Serves checkpoints, but fails to reach the server for a consistency proof, as a network failing between the two would.</summary>
    private sealed class Unreachable(RegistersClient inner) : DelegatingSource(inner)
    {
        public override Task<IReadOnlyList<Protocol.Hashing.Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (the test's)");
    }
}
