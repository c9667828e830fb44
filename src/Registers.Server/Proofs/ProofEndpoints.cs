using Microsoft.AspNetCore.Mvc;
using Registers.Protocol.Entries;
using Registers.Protocol.Merkle;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;

namespace Registers.Server.Proofs;

/// <summary>
/// GOV.UK's proof resources, for the user log at <c>/registers/{name}/proof/...</c> and the system log
/// at <c>/registers/{name}/system/proof/...</c>. A proof is built at exactly the size asked for, from
/// stored tree nodes, so it checks against the checkpoint of that size.
/// </summary>
public static class ProofEndpoints
{
    /// <summary>The only proof identifier GOV.UK defined.</summary>
    public const string MerkleSha256 = "merkle:sha-256";

    /// <summary>Maps the proof routes for both logs.</summary>
    public static void MapProofs(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, log) in LogRoutes.All)
        {
            var group = routes.MapGroup(prefix).WithTags("Proofs");
            group.MapRead("/proof/register/{proof-identifier}", (string name, [FromRoute(Name = "proof-identifier")] string proof, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation) =>
                RegisterProofAsync(name, log, proof, checkpoints, context, cancellation))
                .AnswersNotModified();
            // Parameters named as GOV.UK's specification and the problems about them name them.
            foreach (var entryPath in new[] { "/proof/entry/{entry-number}/{total-entries}/{proof-identifier}", "/proof/entries/{entry-number}/{total-entries}/{proof-identifier}" })
            {
                group.MapRead(entryPath, (
                    string name, [FromRoute(Name = "entry-number")] string number, [FromRoute(Name = "total-entries")] string total, [FromRoute(Name = "proof-identifier")] string proof,
                    TreeNodes nodes, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation) =>
                    EntryProofAsync(name, log, number, total, proof, nodes, checkpoints, context, cancellation))
                    .AnswersNotModified();
            }

            group.MapRead("/proof/consistency/{small-log-size}/{large-log-size}/{proof-identifier}", (
                string name, [FromRoute(Name = "small-log-size")] string from, [FromRoute(Name = "large-log-size")] string to, [FromRoute(Name = "proof-identifier")] string proof, TreeNodes nodes, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation) =>
                ConsistencyProofAsync(name, log, from, to, proof, nodes, checkpoints, context, cancellation))
                .AnswersNotModified();
        }
    }

    private static async Task<IResult> RegisterProofAsync(string name, EntryLog log, string proof, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation)
    {
        if ((Representation.RefuseAllButJson(context) ?? UnknownProof(proof)) is { } unknown)
        {
            return unknown;
        }

        var latest = await checkpoints.LatestAsync(name, log, cancellation);
        if (latest is null)
        {
            return Parameters.UnknownRegister(name);
        }

        return HttpCaching.Revalidate(context, $"size-{latest.Size}")
            ? HttpCaching.NotModified()
            : Representation.Json(new RegisterProof(MerkleSha256, latest.Root.ToString(), latest.Size, latest.Note));
    }

    private static async Task<IResult> EntryProofAsync(
        string name, EntryLog log, string number, string total, string proof, TreeNodes nodes, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation)
    {
        if ((Representation.RefuseAllButJson(context) ?? UnknownProof(proof)) is { } unknown)
        {
            return unknown;
        }

        if (!Parameters.TryNumber(number, "entry-number", 1, out var entry, out var problem) ||
            !Parameters.TryNumber(total, "total-entries", entry, out var size, out problem))
        {
            return problem;
        }

        return await ProofAsync(name, log, size, $"entry-{entry}-{size}", ProofPlan.ForInclusion((ulong)(entry - 1), (ulong)size),
            path => new EntryProof(MerkleSha256, entry.ToString(System.Globalization.CultureInfo.InvariantCulture), path),
            nodes, checkpoints, context, cancellation);
    }

    private static async Task<IResult> ConsistencyProofAsync(
        string name, EntryLog log, string from, string to, string proof, TreeNodes nodes, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation)
    {
        if ((Representation.RefuseAllButJson(context) ?? UnknownProof(proof)) is { } unknown)
        {
            return unknown;
        }

        if (!Parameters.TryNumber(from, "small-log-size", 1, out var size1, out var problem) ||
            !Parameters.TryNumber(to, "large-log-size", size1, out var size2, out problem))
        {
            return problem;
        }

        return await ProofAsync(name, log, size2, $"consistency-{size1}-{size2}", ProofPlan.ForConsistency((ulong)size1, (ulong)size2),
            path => new ConsistencyProof(MerkleSha256, path), nodes, checkpoints, context, cancellation);
    }

    /// <summary>Builds a proof in a tree of <paramref name="size"/> from stored nodes: immutable, as that tree never changes.</summary>
    private static async Task<IResult> ProofAsync(
        string name, EntryLog log, long size, string tag, ProofPlan plan, Func<IReadOnlyList<string>, object> shape,
        TreeNodes nodes, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation)
    {
        if (await SizeProblemAsync(name, log, size, checkpoints, cancellation) is { } tooLarge)
        {
            return tooLarge;
        }

        if (HttpCaching.Immutable(context, tag))
        {
            return HttpCaching.NotModified();
        }

        var hashes = plan.Fold(await nodes.ReadAsync(name, log, (ulong)size, plan.Nodes, cancellation));
        return Representation.Json(shape([.. hashes.Select(hash => hash.ToString())]));
    }

    private static IResult? UnknownProof(string proof) => proof == MerkleSha256
        ? null
        : Problems.Result(StatusCodes.Status404NotFound, "Unknown proof identifier", $"The only proof identifier is '{MerkleSha256}', not '{proof}'.");

    private static async Task<IResult?> SizeProblemAsync(string name, EntryLog log, long size, CheckpointStore checkpoints, CancellationToken cancellation)
    {
        var latest = await checkpoints.SizeReachingAsync(name, log, size, cancellation);
        if (latest is null)
        {
            return Parameters.UnknownRegister(name);
        }

        return size <= latest
            ? null
            : Problems.Result(StatusCodes.Status404NotFound, "No such tree size",
                $"The {log.ToWireName()} log of '{name}' has {latest} entries; there is no tree of {size} yet.");
    }
}

/// <summary>GOV.UK's register proof, with the signed checkpoint of the same size.</summary>
public sealed record RegisterProof(string ProofIdentifier, string RootHash, long TotalEntries, string Checkpoint);

/// <summary>GOV.UK's entry proof (the entry number written as a string, as GOV.UK's server wrote it).</summary>
public sealed record EntryProof(string ProofIdentifier, string EntryNumber, IReadOnlyList<string> MerkleAuditPath);

/// <summary>GOV.UK's consistency proof.</summary>
public sealed record ConsistencyProof(string ProofIdentifier, IReadOnlyList<string> MerkleConsistencyNodes);
