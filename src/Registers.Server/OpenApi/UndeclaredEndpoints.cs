using Registers.Server.Proofs;
using Registers.Server.Writes;

namespace Registers.Server.OpenApi;

/// <summary>How an endpoint that answers with a bare <see cref="IResult"/> is to be described.</summary>
/// <param name="OperationId">Its operation id.</param>
/// <param name="Tag">Its group.</param>
/// <param name="Summary">One line about it.</param>
/// <param name="Success">The status of its success.</param>
/// <param name="Json">The type of a JSON answer, or null.</param>
/// <param name="Text">The media type of a text or binary answer, or null.</param>
/// <param name="Problems">The problem statuses it may answer.</param>
internal sealed record EndpointDoc(string OperationId, string Tag, string Summary, int Success, Type? Json, string? Text, int[] Problems);

/// <summary>
/// What the proof, checkpoint, tile and write endpoints answer: they return <see cref="IResult"/>, which says
/// nothing to the API explorer, so their answers are described here, by route or by operation id.
/// </summary>
internal static class UndeclaredEndpoints
{
    public const string Note = "text/plain";
    public const string Octets = "application/octet-stream";

    // Every read answers 400 to a query parameter another read takes (UntakenQueryParameters), and those of a size to a
    // malformed one. A read of a register answers 404 for one it lacks, and 406 to a suffix naming a representation it
    // has not (/checkpoint.json).
    private static readonly int[] Bare = [StatusCodes.Status400BadRequest];

    private static readonly int[] OfRegister = [.. Bare, StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable];

    /// <summary>By route as the API explorer writes it, with the system log's <c>/system</c> taken out.</summary>
    public static readonly Dictionary<string, EndpointDoc> ByRoute = new()
    {
        ["registers/{name}/proof/register/{proof-identifier}"] = new("getRegisterProof", "Proofs", "The latest root, with its signed checkpoint (GOV.UK's register proof)", 200, typeof(RegisterProof), null, OfRegister),
        ["registers/{name}/proof/entry/{entry-number}/{total-entries}/{proof-identifier}"] = new("getEntryProof", "Proofs", "Inclusion proof of an entry in the tree of a size", 200, typeof(EntryProof), null, OfRegister),
        ["registers/{name}/proof/entries/{entry-number}/{total-entries}/{proof-identifier}"] = new("getEntryProofPlural", "Proofs", "Inclusion proof of an entry (GOV.UK's other spelling of the path)", 200, typeof(EntryProof), null, OfRegister),
        ["registers/{name}/proof/consistency/{small-log-size}/{large-log-size}/{proof-identifier}"] = new("getConsistencyProof", "Proofs", "Consistency proof between two tree sizes", 200, typeof(ConsistencyProof), null, OfRegister),
        ["registers/{name}/checkpoint"] = new("getCheckpoint", "Checkpoints", "The latest signed checkpoint (C2SP tlog-checkpoint signed note)", 200, null, Note, OfRegister),
        ["registers/{name}/checkpoint/{size}"] = new("getCheckpointAtSize", "Checkpoints", "The checkpoint signed at a tree size (one is signed at the end of every write)", 200, null, Note, OfRegister),
        ["registers/{name}/tile/{path}"] = new("getTile", "Tiles", "A C2SP tlog-tiles hash tile (tile/L/N[.p/W]) or entry bundle (tile/entries/N[.p/W])", 200, null, Octets, OfRegister),
        ["registers/{name}/metadata-size/{user-size}"] = new("getMetadataSize", "Checkpoints", "The signed number of system entries (metadata) a copy of the register up to a user size carries (as /download-rsf/0/{user-size} does)", 200, null, Note, OfRegister),
        [".well-known/registers/log-key"] = new("getLogKey", "Checkpoints", "The verifier key (C2SP signed-note) that checks the server's checkpoints", 200, null, Note, [.. Bare, StatusCodes.Status406NotAcceptable]),
        // 409: writes of several signers carry the key (each signer's own) and key-id does not say whose is meant.
        ["registers/{name}/writes/{idempotency-key}"] = new("getWrite", "Writes", "The receipt of a committed write, by its signer's key id and its idempotency key (a key ending in a format suffix such as .json: with .json after it)", 200, typeof(WriteReceipt), null,
            [StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable, StatusCodes.Status409Conflict]),
    };

    // Every write may answer: a bad Idempotency-Key or If-Match header (400), no valid signature (401), a key that may not
    // make it (403), a size stated in If-Match that the log does not have (412; a new register has 0), entries refused or an
    // idempotency key reused with another body (422), too many writes from one key (429).
    private static readonly int[] Signed =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests,
    ];

    // A body may be too large (413) or of another media type (415).
    private static readonly int[] WithBody = [StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    /// <summary>The writes, by operation id (Wolverine endpoints name their operations).</summary>
    public static readonly Dictionary<string, EndpointDoc> Writes = new()
    {
        ["createRegister"] = new("createRegister", "Writes", "Creates a register from its definition (admin key)", 201, typeof(WriteReceipt), null,
            [.. Signed, .. WithBody, StatusCodes.Status409Conflict]),
        ["appendEntries"] = new("appendEntries", "Writes", "Appends a batch of entries, all or nothing (admin key or a custodian key of the register)", 200, typeof(WriteReceipt), null,
            [.. Signed, .. WithBody, StatusCodes.Status404NotFound]),
        // 404: only the admin key creates a register, so a custodian key's load names one that does not exist (RequestSignatureHandler).
        ["loadRsf"] = new("loadRsf", "Writes", "Loads RSF into a register, creating it if absent, all or nothing (admin key, or a custodian key of an existing register)", 200, typeof(WriteReceipt), null,
            [.. Signed, .. WithBody, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status507InsufficientStorage]),
        ["addCustodianKey"] = new("addCustodianKey", "Writes", "Allows a custodian key to write the register: a system entry custodian-key:<key id> (admin key)", 200, typeof(WriteReceipt), null,
            [.. Signed, .. WithBody, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict]),
        ["revokeCustodianKey"] = new("revokeCustodianKey", "Writes", "Revokes a custodian key: its entry again, with an end-date (admin key)", 200, typeof(WriteReceipt), null,
            [.. Signed, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict]),
    };

    /// <summary>The doc of the operation at <paramref name="relativePath"/> named <paramref name="operationId"/>, if it is one of these.</summary>
    public static EndpointDoc? Find(string? relativePath, string? operationId)
    {
        var route = (relativePath ?? "").Replace("/system/", "/", StringComparison.Ordinal).Replace("{**", "{", StringComparison.Ordinal);
        return ByRoute.TryGetValue(route, out var doc) ? doc
            : operationId is not null && Writes.TryGetValue(operationId, out doc) ? doc
            : null;
    }
}
