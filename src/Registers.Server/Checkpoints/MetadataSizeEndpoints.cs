using Microsoft.AspNetCore.Mvc;
using Registers.Protocol.Entries;
using Registers.Server.Downloads;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;

namespace Registers.Server.Checkpoints;

/// <summary>
/// <c>/registers/{name}/metadata-size/{user-size}</c>: the signed statement of how many system entries (metadata) a copy
/// of the register up to a user size carries (<see cref="Protocol.Checkpoints.MetadataSize"/>): as many as
/// <c>/download-rsf/0/{user-size}</c> does. An auditor checks a download's metadata against it.
/// </summary>
public static class MetadataSizeEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void MapMetadataSizes(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/registers/{name}").WithTags("Checkpoints").MapRead("/metadata-size/{user-size}",
            (string name, [FromRoute(Name = "user-size")] string size, CheckpointStore checkpoints, RsfRange range, LogSigner signer, HttpContext context, CancellationToken cancellation) =>
                AtAsync(name, size, checkpoints, range, signer, context, cancellation))
            .AnswersNotModified();

    private static async Task<IResult> AtAsync(
        string name, string size, CheckpointStore checkpoints, RsfRange range, LogSigner signer, HttpContext context, CancellationToken cancellation)
    {
        if (Representation.RefuseOtherSuffix(context, null, CheckpointEndpoints.NoteDescription) is { } refused)
        {
            return refused;
        }

        if (!Parameters.TryNumber(size, "user-size", 0, out var userSize, out var problem))
        {
            return problem;
        }

        switch (await checkpoints.LatestAsync(name, EntryLog.User, cancellation))
        {
            case null:
                return Parameters.UnknownRegister(name);
            case { Size: var latest } when userSize > latest:
                return ReadRoutes.NoSuchSize(name, userSize, latest);
        }

        if (HttpCaching.Immutable(context, $"metadata-size-{userSize}"))
        {
            return HttpCaching.NotModified();
        }

        await using var connection = await range.OpenAsync(cancellation);
        var systemSize = await range.SystemSizeAtAsync(connection, name, userSize, cancellation);
        return WholeBody.Text(signer.SignMetadataSize(name, userSize, systemSize), CheckpointEndpoints.NoteContentType);
    }
}
