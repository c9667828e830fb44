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

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(new SpoofedRefusal(_log, Spoof), _log.Trust, store).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.ProofRefused, failure.Problem);
        var kept = store.Evidence(MemoryLog.Register)!;
        Assert.Contains(@"\u001b[1A\u001b[2K\u000dconsistent\u009b2K\u0007", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(kept.ToCharArray(), c => char.IsControl(c) && c is not ('\n' or '\t'));
        Assert.All(failure.Evidence(), line => Assert.DoesNotContain(line.ToCharArray(), c => char.IsControl(c) && c is not ('\n' or '\t')));
    }

    [Fact]
    public async Task A_refusal_whose_detail_holds_bidirectional_controls_is_kept_as_evidence_with_them_escaped()
    {
        // Trojan Source: right-to-left override and isolates make a reader see the text in another order than it is kept in.
        const string reordered = "\u202eDEIFIREV TON\u202c \u2066x\u2069\u2067y\u2068z\u2069 \u202a\u202b\u202d\u200e\u200f\u061c";
        var store = new MemoryLogStateStore();
        await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        _log.Append(2);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(new SpoofedRefusal(_log, reordered), _log.Trust, store).UpdateAsync(MemoryLog.Register));

        var kept = store.Evidence(MemoryLog.Register)!;
        Assert.Contains(@"\u202eDEIFIREV TON\u202c \u2066x\u2069\u2067y\u2068z\u2069 \u202a\u202b\u202d\u200e\u200f\u061c", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(kept.ToCharArray(), IsBidirectionalControl);
        Assert.All(failure.Evidence(), line => Assert.DoesNotContain(line.ToCharArray(), IsBidirectionalControl));
    }

    private static bool IsBidirectionalControl(char c) => c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c';

    /// <summary>The log, but its consistency proofs are refused with <paramref name="detail"/>.</summary>
    private sealed class SpoofedRefusal(MemoryLog log, string detail) : DelegatingSource(log)
    {
        public override Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken) =>
            throw new RegistersException(new RegistersProblem(HttpStatusCode.BadRequest, "Bad Request", detail, []) { IsProblemDetails = true });
    }
}
