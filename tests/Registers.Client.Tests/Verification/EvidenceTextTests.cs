using System.Net;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Client.Tracking;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// Evidence quotes what the server said (a refusal's detail, an entry's fields), and a server can say anything a JSON
/// string holds. Kept in a file that a person reads with <c>cat</c>, or printed, terminal control characters in it would
/// move the cursor and rewrite what was written before: evidence is text with them escaped, as <c>\uXXXX</c>.
/// </summary>
public sealed class EvidenceTextTests : IDisposable
{
    private const string Spoof = "\u001b[1A\u001b[2K\rconsistent\u009b2K\u0007";
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task A_refusal_whose_detail_holds_control_characters_is_kept_as_evidence_with_them_escaped()
    {
        var store = new MemoryLogStateStore();
        await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        _log.Append(2);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(new SpoofedRefusal(_log), _log.Trust, store).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.ProofRefused, failure.Problem);
        var kept = store.Evidence(MemoryLog.Register)!;
        Assert.Contains(@"\u001b[1A\u001b[2K\u000dconsistent\u009b2K\u0007", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(kept.ToCharArray(), c => char.IsControl(c) && c is not ('\n' or '\t'));
        Assert.All(failure.Evidence(), line => Assert.DoesNotContain(line.ToCharArray(), c => char.IsControl(c) && c is not ('\n' or '\t')));
    }

    /// <summary>The log, but its consistency proofs are refused with a detail that is control characters and a word.</summary>
    private sealed class SpoofedRefusal(MemoryLog log) : DelegatingSource(log)
    {
        public override Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken) =>
            throw new RegistersException(new RegistersProblem(HttpStatusCode.BadRequest, "Bad Request", Spoof, []) { IsProblemDetails = true });
    }
}
