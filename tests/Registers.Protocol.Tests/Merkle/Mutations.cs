using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>The ways the property tests damage a proof, each drawing its choices from a seeded random.</summary>
internal static class Mutations
{
    public static Digest FlipBit(Digest digest, Random random)
    {
        var bytes = digest.ToArray();
        var bit = random.Next(Digest.Length * 8);
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return Digest.FromBytes(bytes);
    }

    /// <summary>One copy of the proof per hash, with one random bit of that hash flipped.</summary>
    public static IEnumerable<Digest[]> FlipOneBitInEachHash(Digest[] proof, Random random)
    {
        for (var i = 0; i < proof.Length; i++)
        {
            var copy = (Digest[])proof.Clone();
            copy[i] = FlipBit(copy[i], random);
            yield return copy;
        }
    }

    /// <summary>The proof with a hash added at a random place: a random one, or a copy of a neighbour.</summary>
    public static Digest[] InsertHash(Digest[] proof, Random random)
    {
        var at = random.Next(proof.Length + 1);
        var extra = proof.Length > 0 && random.Next(2) == 0 ? proof[Math.Min(at, proof.Length - 1)] : Digest.Of(BitConverter.GetBytes(random.Next()));
        return [.. proof[..at], extra, .. proof[at..]];
    }

    /// <summary>The proof less one hash at a random place. Precondition: the proof is not empty.</summary>
    public static Digest[] RemoveHash(Digest[] proof, Random random)
    {
        var at = random.Next(proof.Length);
        return [.. proof[..at], .. proof[(at + 1)..]];
    }

    /// <summary>A random value in [0, limit) other than <paramref name="value"/>; null when there is none.</summary>
    public static ulong? OtherThan(ulong value, ulong limit, Random random)
    {
        if (limit < 2)
        {
            return null;
        }

        var other = (ulong)random.NextInt64(0, (long)limit - 1);
        return other >= value ? other + 1 : other;
    }
}
