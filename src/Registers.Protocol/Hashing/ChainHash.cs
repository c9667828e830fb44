namespace Registers.Protocol.Hashing;

/// <summary>Where a chain of hashes first disagrees with the leaves it should have been built from.</summary>
/// <param name="Index">Zero-based index into the sequence checked (entry number = index + the first entry's number).</param>
/// <param name="Expected">The chain hash the leaves give at that index.</param>
/// <param name="Actual">The chain hash that was claimed there.</param>
public readonly record struct ChainBreak(int Index, Digest Expected, Digest Actual);

/// <summary>
/// The chain hash that links each entry of a log to the one before it:
/// <c>chain(n) = SHA-256(chain(n-1) || leafHash(n))</c>, over the RFC 6962 leaf hashes of the log's
/// entries, one chain per log (user and system are chained separately, as they are numbered separately).
/// A stored log can then be checked for tampering in one pass, and each entry names its predecessor.
/// </summary>
/// <remarks>
/// <c>chain(0)</c>, <see cref="Genesis"/>, is 32 zero bytes. Reasons: it is a constant anyone can write
/// down without computing anything (as Bitcoin's genesis block names its "previous" hash); no one knows
/// an input whose SHA-256 is all zeros, so it cannot be mistaken for the chain hash of a real entry; and
/// it is distinct from SHA-256 of nothing, which RFC 6962 already uses as the empty tree root, so an
/// empty log's chain head cannot be confused with its Merkle root. Inputs are 64 bytes and never start
/// with RFC 6962's 0x00/0x01 domain byte followed by entry JSON, so chain and tree hashes do not collide.
/// </remarks>
public static class ChainHash
{
    /// <summary>chain(0): 32 zero bytes, the chain hash "before" entry 1.</summary>
    public static readonly Digest Genesis = Digest.FromBytes(new byte[Digest.Length]);

    /// <summary>SHA-256(<paramref name="previous"/> || <paramref name="leafHash"/>).</summary>
    public static Digest Next(in Digest previous, in Digest leafHash)
    {
        Span<byte> buffer = stackalloc byte[2 * Digest.Length];
        previous.Bytes.CopyTo(buffer);
        leafHash.Bytes.CopyTo(buffer[Digest.Length..]);
        return Digest.Of(buffer);
    }

    /// <summary>The chain hash after <paramref name="leafHashes"/>, starting from <paramref name="start"/> (use <see cref="Genesis"/> for a whole log).</summary>
    public static Digest Fold(in Digest start, ReadOnlySpan<Digest> leafHashes)
    {
        var chain = start;
        foreach (ref readonly var leaf in leafHashes)
        {
            chain = Next(chain, leaf);
        }

        return chain;
    }

    /// <summary>
    /// Recomputes the chain from <paramref name="start"/> over <paramref name="leafHashes"/> in one pass and
    /// compares each step with <paramref name="claimedChain"/>. Returns the first index where they differ,
    /// or null when every claimed hash holds.
    /// </summary>
    /// <param name="start">The chain hash before the first leaf: <see cref="Genesis"/> when checking from entry 1, otherwise the trusted chain hash of the entry before.</param>
    /// <param name="leafHashes">Leaf hashes of consecutive entries.</param>
    /// <param name="claimedChain">The stored chain hash of each of those entries.</param>
    /// <exception cref="ArgumentException">The two sequences differ in length.</exception>
    public static ChainBreak? FindFirstBreak(in Digest start, ReadOnlySpan<Digest> leafHashes, ReadOnlySpan<Digest> claimedChain)
    {
        if (leafHashes.Length != claimedChain.Length)
        {
            throw new ArgumentException("Each leaf hash needs its claimed chain hash.", nameof(claimedChain));
        }

        var chain = start;
        for (var i = 0; i < leafHashes.Length; i++)
        {
            chain = Next(chain, leafHashes[i]);
            if (chain != claimedChain[i])
            {
                return new ChainBreak(i, chain, claimedChain[i]);
            }
        }

        return null;
    }
}
