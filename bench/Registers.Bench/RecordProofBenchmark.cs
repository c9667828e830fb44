using System.Globalization;
using System.Text;
using Registers.Client.Reads;
using Registers.Client.Verification;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;

namespace Registers.Bench;

/// <summary>
/// The verifying client's per-record work, on one core, with every answer fetched beforehand: each record's item checked
/// canonical and hashed, its entry's leaf made, its audit path folded to the checkpoint's root (<see cref="RecordProof"/>).
/// The checkpoint's signature is checked once per checkpoint, not per record, so it is left out.
/// </summary>
internal sealed class RecordProofBenchmark(Sizes sizes)
{
    private static readonly string Timestamp = "2020-01-01T00:00:00Z";

    public Row Run()
    {
        var size = sizes.ProofTreeSize;
        var items = new Item[size];
        var leaves = new Digest[size];
        for (var n = 1; n <= size; n++)
        {
            items[n - 1] = Item.Create(Encoding.UTF8.GetBytes($$"""{"name":"School {{n}}","school":"{{n}}"}"""));
            leaves[n - 1] = EntryLeaf.Hash(n, EntryTimestamp.Parse(Timestamp), n.ToString(CultureInfo.InvariantCulture), [items[n - 1].Hash]);
        }

        var levels = PerfectSubtrees(leaves);
        var tree = new Protocol.Merkle.CompactRange();
        tree.AppendRange(leaves);
        var root = tree.Root();
        var checkpoint = new VerifiedCheckpoint("school", new Checkpoint("bench.test/registers/school", size, root), "");
        var random = new Random(6962);
        var samples = Enumerable.Range(0, 1024).Select(_ =>
        {
            var n = random.Next(1, size + 1);
            var key = n.ToString(CultureInfo.InvariantCulture);
            var plan = Protocol.Merkle.ProofPlan.ForInclusion((ulong)n - 1, (ulong)size);
            var proof = plan.Fold([.. plan.Nodes.Select(node => levels[node.Level][node.Index])]);
            return (Record: new ServedRecord(n, key, Timestamp, [items[n - 1].Memory], size),
                Entry: new ServedEntry(n, key, Timestamp, [items[n - 1].Hash.ToString()], ""), Proof: (IReadOnlyList<Digest>)proof);
        }).ToArray();

        var count = sizes.ProofVerifications / 4;
        var rate = Measure.MedianRate(sizes.Repetitions, count, () =>
        {
            for (var i = 0; i < count; i++)
            {
                var (record, entry, proof) = samples[i & 1023];
                RecordProof.Verify(checkpoint, record, entry, proof);
            }
        });
        return new Row($"record proofs verified by the client at size {size:N0} (one core)", rate, "/s",
            new Benchmarks(sizes, "").RawSha256PerSecond(65), "SHA-256/s on 65 B", ">= 50,000/s", rate >= 50_000);
    }

    /// <summary>Every perfect subtree's hash, level by level: level L, index i covers leaves i·2^L to (i+1)·2^L - 1.</summary>
    private static List<Digest[]> PerfectSubtrees(Digest[] leaves)
    {
        var levels = new List<Digest[]> { leaves };
        while (levels[^1].Length > 1)
        {
            var below = levels[^1];
            levels.Add([.. Enumerable.Range(0, below.Length / 2).Select(i => MerkleHash.Node(below[2 * i], below[(2 * i) + 1]))]);
        }

        return levels;
    }
}
