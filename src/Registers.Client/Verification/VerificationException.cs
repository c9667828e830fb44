using Registers.Protocol.Hashing;
using Registers.Shared;

namespace Registers.Client.Verification;

/// <summary>
/// The server said something it could not prove. <see cref="Problem"/> says what failed; <see cref="Expected"/> and
/// <see cref="Actual"/> are the evidence (what the trusted data calls for, and what came back); the checkpoints and proof
/// involved are kept so an auditor can show them to anyone.
/// </summary>
public sealed class VerificationException : Exception
{
    /// <summary>A failed check of <paramref name="register"/>.</summary>
    public VerificationException(VerificationProblem problem, string register, string message, string? expected = null, string? actual = null)
        : base(message)
    {
        Problem = problem;
        Register = register;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>What failed.</summary>
    public VerificationProblem Problem { get; }

    /// <summary>The register checked.</summary>
    public string Register { get; }

    /// <summary>What the trusted data calls for (a hash, root, size or key), when there is one.</summary>
    public string? Expected { get; }

    /// <summary>What the server's answer gave instead.</summary>
    public string? Actual { get; }

    /// <summary>The signed checkpoint trusted so far, or the one the failed check was made against.</summary>
    public string? TrustedCheckpoint { get; init; }

    /// <summary>For an inconsistency: the newer signed checkpoint that does not extend <see cref="TrustedCheckpoint"/>.</summary>
    public string? NewerCheckpoint { get; init; }

    /// <summary>The proof that failed (audit path or consistency nodes), when one did.</summary>
    public IReadOnlyList<Digest> Proof { get; init; } = [];

    /// <summary>Why the evidence could not be kept by the state store (say, a full disk), when it could not; it is all here still.</summary>
    public Exception? EvidenceNotKept { get; internal set; }

    /// <summary>
    /// Every piece of evidence as lines of text: the message, expected and actual, the checkpoints and the proof. Much of
    /// it is what the server said, so control characters other than newline and tab are written as <c>\uXXXX</c>: printed,
    /// or kept in a file a person reads, they could otherwise rewrite a terminal's lines.
    /// </summary>
    public IEnumerable<string> Evidence() => Lines().Select(ControlCharacters.Escape);

    private IEnumerable<string> Lines()
    {
        yield return $"{Register}: {Message}";
        if (Expected is not null)
        {
            yield return $"  expected: {Expected}";
        }

        if (Actual is not null)
        {
            yield return $"  got:      {Actual}";
        }

        foreach (var (title, note) in new[] { ("trusted checkpoint", TrustedCheckpoint), ("newer checkpoint", NewerCheckpoint) })
        {
            if (note is not null)
            {
                yield return $"  {title}:";
                foreach (var line in note.TrimEnd('\n').Split('\n'))
                {
                    yield return "    " + line;
                }
            }
        }

        if (Proof.Count > 0)
        {
            yield return "  proof:";
            foreach (var hash in Proof)
            {
                yield return "    " + hash;
            }
        }
    }
}
