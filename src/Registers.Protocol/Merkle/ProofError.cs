using Registers.Protocol.Hashing;

namespace Registers.Protocol.Merkle;

/// <summary>Why a Merkle proof was refused.</summary>
public enum ProofErrorKind
{
    /// <summary>Inclusion: the leaf index is not below the tree size (so every proof in an empty tree).</summary>
    IndexOutOfRange,

    /// <summary>Consistency: the first tree is larger than the second.</summary>
    SizesOutOfOrder,

    /// <summary>
    /// Consistency: the first tree is empty. Every log extends the empty one, so such a proof says nothing;
    /// it is refused (as the transparency-dev probes require) so a client cannot mistake it for evidence.
    /// </summary>
    EmptyFirstTree,

    /// <summary>The proof has more or fewer hashes than the sizes dictate.</summary>
    WrongProofLength,

    /// <summary>Inclusion: the proof leads to another root than the one trusted.</summary>
    RootMismatch,

    /// <summary>Consistency: the proof does not lead to the first (older) root.</summary>
    FirstRootMismatch,

    /// <summary>Consistency: the proof does not lead to the second (newer) root; for equal sizes, the roots differ.</summary>
    SecondRootMismatch,
}

/// <summary>
/// A refused proof: the reason, a sentence for people, and where it applies the root the caller
/// expected, the root the proof calculates, and the expected and actual numbers of proof hashes.
/// </summary>
public sealed class ProofError
{
    private ProofError(ProofErrorKind kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    /// <summary>Why the proof was refused.</summary>
    public ProofErrorKind Kind { get; }

    /// <summary>The reason in words, with the numbers involved.</summary>
    public string Message { get; }

    /// <summary>For root mismatches: the root the caller holds.</summary>
    public Digest? ExpectedRoot { get; private init; }

    /// <summary>For root mismatches: the root the proof leads to.</summary>
    public Digest? CalculatedRoot { get; private init; }

    /// <summary>For <see cref="ProofErrorKind.WrongProofLength"/>: the number of hashes the sizes call for.</summary>
    public int? ExpectedLength { get; private init; }

    /// <summary>For <see cref="ProofErrorKind.WrongProofLength"/>: the number of hashes given.</summary>
    public int? ActualLength { get; private init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}: {Message}";

    internal static ProofError IndexOutOfRange(ulong index, ulong treeSize) =>
        new(ProofErrorKind.IndexOutOfRange, $"Leaf index {index} is not in a tree of size {treeSize}.");

    internal static ProofError SizesOutOfOrder(ulong size1, ulong size2) =>
        new(ProofErrorKind.SizesOutOfOrder, $"The first tree size {size1} is larger than the second, {size2}.");

    internal static ProofError EmptyFirstTree(ulong size2) =>
        new(ProofErrorKind.EmptyFirstTree, $"A consistency proof from the empty tree to size {size2} proves nothing.");

    internal static ProofError WrongProofLength(int expected, int actual) =>
        new(ProofErrorKind.WrongProofLength, $"The proof has {actual} hashes; these sizes need {expected}.")
        {
            ExpectedLength = expected,
            ActualLength = actual,
        };

    internal static ProofError Mismatch(ProofErrorKind kind, in Digest expected, in Digest calculated) =>
        new(kind, $"The proof leads to root {calculated.ToHex()}, not to {expected.ToHex()}.")
        {
            ExpectedRoot = expected,
            CalculatedRoot = calculated,
        };
}
