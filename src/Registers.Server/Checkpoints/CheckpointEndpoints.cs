using Registers.Protocol.Entries;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;

namespace Registers.Server.Checkpoints;

/// <summary>
/// Signed checkpoints: the latest (revalidated, its ETag tied to the size) and any earlier one by
/// size (immutable). Also the log key that verifies them, at a well-known path.
/// </summary>
public static class CheckpointEndpoints
{
    /// <summary>The path of the log's verifier key.</summary>
    public const string LogKeyPath = "/.well-known/registers/log-key";

    /// <summary>The media type of a signed note.</summary>
    internal const string NoteContentType = "text/plain; charset=utf-8";

    /// <summary>What a signed note is, for a 406 that names the representation the resource has.</summary>
    internal const string NoteDescription = "a signed note (text/plain)";

    /// <summary>Maps the checkpoint routes for both logs, and the log key.</summary>
    public static void MapCheckpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapRead(LogKeyPath, (LogSigner signer, HttpContext context) =>
                Representation.RefuseOtherSuffix(context, null, NoteDescription) ?? WholeBody.Text(signer.VerifierKey + "\n", NoteContentType))
            .WithTags("Checkpoints");
        foreach (var (prefix, log) in LogRoutes.All)
        {
            var group = routes.MapGroup(prefix).WithTags("Checkpoints");
            group.MapRead("/checkpoint", (string name, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation) =>
                LatestAsync(name, log, checkpoints, context, cancellation))
                .AnswersNotModified();
            group.MapRead("/checkpoint/{size}", (string name, string size, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation) =>
                AtSizeAsync(name, log, size, checkpoints, context, cancellation))
                .AnswersNotModified();
        }
    }

    private static async Task<IResult> LatestAsync(string name, EntryLog log, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation)
    {
        if (Representation.RefuseOtherSuffix(context, null, NoteDescription) is { } refused)
        {
            return refused;
        }

        var latest = await checkpoints.LatestAsync(name, log, cancellation);
        if (latest is null)
        {
            return Parameters.UnknownRegister(name);
        }

        return HttpCaching.Revalidate(context, $"size-{latest.Size}") ? HttpCaching.NotModified() : WholeBody.Text(latest.Note, NoteContentType);
    }

    private static async Task<IResult> AtSizeAsync(string name, EntryLog log, string size, CheckpointStore checkpoints, HttpContext context, CancellationToken cancellation)
    {
        if (Representation.RefuseOtherSuffix(context, null, NoteDescription) is { } refused)
        {
            return refused;
        }

        if (!Parameters.TryNumber(size, "size", 0, out var treeSize, out var problem))
        {
            return problem;
        }

        var checkpoint = await checkpoints.AtSizeAsync(name, log, treeSize, cancellation);
        if (checkpoint is not null)
        {
            return HttpCaching.Immutable(context, $"size-{treeSize}") ? HttpCaching.NotModified() : WholeBody.Text(checkpoint.Note, NoteContentType);
        }

        return await checkpoints.LatestAsync(name, log, cancellation) switch
        {
            null => Parameters.UnknownRegister(name),

            // Past the end is said as the proofs say it: no tree of that size yet, rather than a size skipped between writes.
            { Size: var latest } when treeSize > latest => ReadRoutes.NoSuchSize(name, treeSize, latest),
            _ => Problems.Result(StatusCodes.Status404NotFound, "No checkpoint at that size",
                $"No checkpoint of the {log.ToWireName()} log of '{name}' was signed at size {treeSize}: one is signed at the end of each write."),
        };
    }
}
