using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// RFC 6962 section 2.1 written out as it reads: MTH, PATH and PROOF/SUBPROOF, recursive and naive
/// (every call rehashes its whole range). Kept only in tests, as the independent answer the fast code is
/// checked against. Works on leaf hashes: MTH of one entry is its leaf hash.
/// </summary>
internal static class ReferenceTree
{
    /// <summary>MTH(D[n]).</summary>
    public static Digest Root(ReadOnlySpan<Digest> leaves)
    {
        if (leaves.Length == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = LargestPowerOfTwoBelow(leaves.Length);
        return MerkleHash.Node(Root(leaves[..k]), Root(leaves[k..]));
    }

    /// <summary>PATH(m, D[n]), the audit path of leaf m.</summary>
    public static List<Digest> Path(int m, ReadOnlySpan<Digest> leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(leaves.Length);
        return m < k
            ? [.. Path(m, leaves[..k]), Root(leaves[k..])]
            : [.. Path(m - k, leaves[k..]), Root(leaves[..k])];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 &lt; m &lt;= n.</summary>
    public static List<Digest> Proof(int m, ReadOnlySpan<Digest> leaves) => SubProof(m, leaves, true);

    private static List<Digest> SubProof(int m, ReadOnlySpan<Digest> leaves, bool wholeTreeKnown)
    {
        if (m == leaves.Length)
        {
            return wholeTreeKnown ? [] : [Root(leaves)];
        }

        var k = LargestPowerOfTwoBelow(leaves.Length);
        return m <= k
            ? [.. SubProof(m, leaves[..k], wholeTreeKnown), Root(leaves[k..])]
            : [.. SubProof(m - k, leaves[k..], false), Root(leaves[..k])];
    }

    /// <summary>The k of RFC 6962: the largest power of two smaller than n (n &gt; 1).</summary>
    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
