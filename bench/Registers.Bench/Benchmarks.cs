using System.Diagnostics;
using System.Security.Cryptography;
using Registers.Generator;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf;

namespace Registers.Bench;

/// <summary>
/// One line of the results: a figure, the figure from the same run it is compared with (raw SHA-256 for the
/// protocol part; bare Marten, COPY or a bare endpoint for the server part; NaN for none), and the goal if there is one.
/// </summary>
internal sealed record Row(string Figure, double Value, string Unit, double Baseline, string BaselineUnit, string Goal, bool? GoalMet)
{
    /// <summary>Value over baseline: for rates, the share of the baseline's speed reached; for times, how many times longer.</summary>
    public double Ratio => Value / Baseline;
}

/// <summary>The sizes of one run: full, or tiny for the smoke test.</summary>
internal sealed record Sizes(int Leaves, int TreeLeaves, int ProofTreeSize, int ProofVerifications, int VerifyEntries, int SmallMemoryEntries, int Repetitions)
{
    public static readonly Sizes Full = new(1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 100_000, 3);
    public static readonly Sizes Smoke = new(10_000, 10_000, 10_000, 10_000, 10_000, 2_000, 3);

    /// <summary>These sizes with trees, proofs and files of a register of <paramref name="entries"/> (memory compared with a tenth of it).</summary>
    public Sizes OfRegister(int entries) => this with { TreeLeaves = entries, ProofTreeSize = entries, VerifyEntries = entries, SmallMemoryEntries = entries / 10 };
}

/// <summary>The measurements. Each is a median of <see cref="Sizes.Repetitions"/> runs after a warm-up.</summary>
internal sealed class Benchmarks(Sizes sizes, string workFolder)
{
    private static readonly EntryTimestamp Timestamp = EntryTimestamp.Parse("2020-01-01T00:00:00Z");
    private static readonly Digest ItemHash = Digest.Of("item"u8);

    /// <summary>Every protocol figure, after generating the file the verify figures read.</summary>
    public PartResult Run()
    {
        var timer = Stopwatch.StartNew();
        var generated = GeneratedFile(sizes.VerifyEntries);
        Console.WriteLine($"generated {generated} in {timer.Elapsed.TotalSeconds:N1} s, sha-256 of the file {SchoolRegister.FileHash(generated)}");
        Console.WriteLine($"protocol part: in this process, medians of {sizes.Repetitions} runs");

        List<Row> rows = [LibraryDigests(), LeafHashes(), TreeRoot(), InclusionProofs(), VerifyThroughput()];
        rows.Add(new RecordProofBenchmark(sizes).Run());
        var (small, large) = PeakMemory();
        rows.AddRange([small, large]);
        return new PartResult(rows,
        [
            "memory: the reader's buffer, the chunks parsed ahead and the trees are flat; the item and repeat checks keep their",
            "tables within a budget (RsfReplay.DefaultMemoryBudget) and past it go on in temporary files, checked partition by",
            "partition at the end, so peak memory does not grow with the file.",
        ]);
    }

    /// <summary>One-shot SHA256.HashData calls per second on inputs of <paramref name="length"/> bytes.</summary>
    public double RawSha256PerSecond(int length)
    {
        var input = new byte[length];
        var count = sizes.Leaves;
        return Measure.MedianRate(sizes.Repetitions, count, () =>
        {
            Span<byte> hash = stackalloc byte[32];
            for (var i = 0; i < count; i++)
            {
                input[0] = (byte)i;
                SHA256.HashData(input, hash);
            }
        });
    }

    /// <summary>Digest.Of, the library's SHA-256 (OpenSSL's direct functions where they load), against the one-shot API.</summary>
    public Row LibraryDigests()
    {
        var input = new byte[64];
        var count = sizes.Leaves;
        var rate = Measure.MedianRate(sizes.Repetitions, count, () =>
        {
            for (var i = 0; i < count; i++)
            {
                input[0] = (byte)i;
                Digest.Of(input);
            }
        });
        return new Row("Digest.Of (library SHA-256) on 64 B", rate, "/s", RawSha256PerSecond(64), "SHA-256/s on 64 B", "", null);
    }

    public Row LeafHashes()
    {
        var leafLength = EntryLeaf.GetBytes(500_000, Timestamp, "100123", [ItemHash]).Length + 1;
        var count = sizes.Leaves;
        var rate = Measure.MedianRate(sizes.Repetitions, count, () =>
        {
            for (var n = 1; n <= count; n++)
            {
                EntryLeaf.Hash(n, Timestamp, "100123", [ItemHash]);
            }
        });
        return new Row("v1 entry leaf hashes", rate, "/s", RawSha256PerSecond(leafLength), $"SHA-256/s on {leafLength} B", "", null);
    }

    public Row TreeRoot()
    {
        var leaves = LeafHashesFor(sizes.TreeLeaves);
        var seconds = Measure.MedianSeconds(sizes.Repetitions, () =>
        {
            var tree = new CompactRange();
            tree.AppendRange(leaves);
            tree.Root();
        });
        var baseline = sizes.TreeLeaves / RawSha256PerSecond(65);
        return new Row($"root of {sizes.TreeLeaves:N0} leaf hashes", seconds * 1000, "ms", baseline * 1000, $"ms for {sizes.TreeLeaves:N0} SHA-256 of 65 B", "", null);
    }

    public Row InclusionProofs()
    {
        var size = (ulong)sizes.ProofTreeSize;
        var leaves = LeafHashesFor(sizes.ProofTreeSize);
        var levels = new List<Digest[]>();
        for (var level = 0; (size >> level) > 0; level++)
        {
            levels.Add(new Digest[size >> level]);
        }

        var tree = new CompactRange();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf, (NodeId node, in Digest hash) => levels[node.Level][node.Index] = hash);
        }

        var root = tree.Root();
        var random = new Random(6962);
        var samples = Enumerable.Range(0, 1024).Select(_ =>
        {
            var index = (ulong)random.NextInt64((long)size);
            var plan = ProofPlan.ForInclusion(index, size);
            return (Index: index, Proof: plan.Fold([.. plan.Nodes.Select(n => levels[n.Level][n.Index])]));
        }).ToArray();

        var count = sizes.ProofVerifications;
        var rate = Measure.MedianRate(sizes.Repetitions, count, () =>
        {
            for (var i = 0; i < count; i++)
            {
                var (index, proof) = samples[i & 1023];
                if (!InclusionProof.Verify(leaves[index], index, size, proof, root))
                {
                    throw new InvalidOperationException($"The proof of leaf {index} did not verify.");
                }
            }
        });
        var met = rate >= 100_000;
        return new Row($"inclusion proofs verified at size {size:N0} (one core)", rate, "/s", RawSha256PerSecond(65), "SHA-256/s on 65 B", ">= 100,000/s", met);
    }

    public Row VerifyThroughput()
    {
        var file = GeneratedFile(sizes.VerifyEntries);
        var seconds = Measure.MedianSeconds(sizes.Repetitions, () => VerifyFile(file, sizes.VerifyEntries));
        var rate = sizes.VerifyEntries / seconds;
        return new Row($"registers verify, {sizes.VerifyEntries:N0}-entry RSF ({new FileInfo(file).Length / 1e6:N0} MB)", rate, "entries/s",
            RawSha256PerSecond(64), "SHA-256/s on 64 B", ">= 300,000 entries/s", rate >= 300_000);
    }

    /// <summary>Peak working set of a fresh process verifying the small and the large file.</summary>
    public (Row Small, Row Large) PeakMemory()
    {
        var small = ChildPeakBytes(GeneratedFile(sizes.SmallMemoryEntries)) / 1e6;
        var large = ChildPeakBytes(GeneratedFile(sizes.VerifyEntries)) / 1e6;
        var growth = large / small;
        return (
            new Row($"peak memory, verify {sizes.SmallMemoryEntries:N0} entries", small, "MB", double.NaN, "", "", null),
            new Row($"peak memory, verify {sizes.VerifyEntries:N0} entries", large, "MB", small, $"MB at {sizes.SmallMemoryEntries:N0}",
                "flat", growth < 1.5));
    }

    /// <summary>Replays a file as <c>registers verify</c> does (the same <see cref="RsfVerifier"/>), failing loudly when it is not valid.</summary>
    public static RsfVerification VerifyFile(string file, int expectedEntries)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var result = RsfVerifier.Verify(stream);
        if (!result.IsValid || result.UserEntries != (ulong)expectedEntries)
        {
            throw new InvalidOperationException($"{file} did not verify: {result.ErrorCount} errors, first {result.Errors.FirstOrDefault()}");
        }

        return result;
    }

    public string GeneratedFile(int entries) => GeneratedFile(workFolder, entries);

    /// <summary>The generated school register of <paramref name="entries"/> user entries in <paramref name="workFolder"/>, written once.</summary>
    public static string GeneratedFile(string workFolder, int entries)
    {
        var path = Path.Combine(workFolder, $"school-{entries}.rsf");
        if (!File.Exists(path))
        {
            SchoolRegister.Write(path, entries);
        }

        return path;
    }

    private static Digest[] LeafHashesFor(int count) =>
        [.. Enumerable.Range(1, count).Select(n => EntryLeaf.Hash(n, Timestamp, "100123", [ItemHash]))];

    private static long ChildPeakBytes(string file)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Benchmarks).Assembly.Location);
        }

        start.ArgumentList.Add(Program.ChildVerifyOption);
        start.ArgumentList.Add(file);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return child.ExitCode == 0
            ? long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The child verifying {file} exited {child.ExitCode}.");
    }
}
