using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.HttpSignatures;
using Registers.Protocol.Items;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.Writes;
using Wolverine.Http;

namespace Registers.Server.Signatures;

/// <summary>The admin lists and revokes a register's custodian keys; each change is a system entry, so it is provable.</summary>
public static class CustodianKeyEndpoints
{
    /// <summary>Allows a custodian key to write the register: appends <c>custodian-key:&lt;key id&gt;</c>.</summary>
    [WolverinePut("/registers/{name}/custodian-keys", OperationId = "addCustodianKey")]
    [TakesBody(Representation.JsonMediaType)]
    [Authorize(Policy = WritePolicy.Admin)]
    [EnableRateLimiting(WriteSecurity.RateLimit)]
    public static async Task<IResult> Add(
        string name, CustodianKeyRequest request, HttpContext context, RegisterWriter writer, CustodianKeyStore custodians, AdminKey admin,
        CheckpointStore checkpoints, TimeProvider time, CancellationToken cancellation)
    {
        if (request is null)
        {
            return UnreadableJson.NullBody(context);
        }

        if (request.Unknown?.Keys.FirstOrDefault() is { } unknown)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request",
                $"Nothing was written: '{unknown}' is not taken: the body is {{\"key\":\"<verifier key>\"}} alone, and the server dates the key itself.");
        }

        if (!VerifierKey.TryParse(request.Key, out var key, out var reason) || key.Type != SignatureType.Ed25519)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid key",
                $"'key' must be an Ed25519 verifier key string name+keyid+base64 ({(key is null ? reason.Describe() : "a cosignature key")}).",
                new Dictionary<string, object?> { ["parameter"] = "key" });
        }

        if (!HttpSignatureKeyIds.CanName(key))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid key",
                $"'{key.Name}' cannot sign a write: a signed request names its key in printable ASCII only, so a key of this name could be allowed but never used.",
                new Dictionary<string, object?> { ["parameter"] = "key" });
        }

        if (await KeyIdTakenAsync(custodians, admin, key, cancellation) is { } taken)
        {
            return taken;
        }

        var item = Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            [CustodianKeyStore.KeyAttribute] = key.ToString(),
            ["start-date"] = EntryTimestamp.From(time.GetUtcNow()).ToString(),
        }));
        return await AppendAsync(name, CustodianKeyStore.EntryKeyOf(key), item, context, writer, checkpoints, cancellation);
    }

    /// <summary>Revokes a custodian key: appends its entry again, with an <c>end-date</c>.</summary>
    [WolverineDelete("/registers/{name}/custodian-keys/{keyid}", OperationId = "revokeCustodianKey")]
    [Authorize(Policy = WritePolicy.Admin)]
    [EnableRateLimiting(WriteSecurity.RateLimit)]
    public static async Task<IResult> Revoke(
        string name, string keyid, HttpContext context, RegisterWriter writer, CustodianKeyStore custodians, CheckpointStore checkpoints, TimeProvider time, CancellationToken cancellation)
    {
        if (UntakenBody.Refusal(context) is { } bodySent)
        {
            return bodySent;
        }

        // From the request target: routing leaves the escaped '/' of a key name ("custodian.example/alice") as "%2F".
        keyid = RawPathValue.Of(context, "keyid", keyid);
        if (!IsKeyId(keyid))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Bad key id",
                $"A custodian key is named by its key id, name+hex or the eight lower-case hex digits alone (as `registers keygen` prints it), not '{keyid}'.");
        }

        var grant = await GrantAsync(custodians, name, keyid, cancellation);
        if (grant is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "Unknown custodian key", $"Register '{name}' lists no custodian key {keyid}.");
        }

        // The record as it is, lists and all (an admin's system entry or loaded history may hold more than strings), with its end-date.
        var revoked = JsonNode.Parse(grant.Item)!.AsObject();
        var startDate = revoked["start-date"] is JsonValue start && start.TryGetValue<string>(out var from) ? from : null;
        revoked["end-date"] = CustodianKeyDates.EndDate(startDate, EntryTimestamp.From(time.GetUtcNow()).ToString());
        return await AppendAsync(name, CustodianKeyStore.EntryKeyOf(grant.Key), Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(revoked)), context, writer, checkpoints, cancellation);
    }

    /// <summary>
    /// The conflict of a key whose eight hex digits another key has, on any register or as the admin key (the admin key
    /// itself included), or null. Its entry <c>custodian-key:&lt;hex&gt;</c> would replace the other key's record on the
    /// same register, and a request's key id would name two keys. Judged here first, for a clear answer; the writer judges it again under a lock of the key id
    /// (<see cref="CustodianKeyChange.KeyIdTaken"/>), which two racing requests on two registers cannot both pass.
    /// </summary>
    private static async Task<IResult?> KeyIdTakenAsync(CustodianKeyStore custodians, AdminKey admin, VerifierKey key, CancellationToken cancellation)
    {
        // The admin key itself too: it writes every register already, and listed as a custodian key it could be "revoked" while it still writes.
        var where = AdminKey.Clashes(admin.Key, key)
            ? ", or its public key, is the admin key's"
            : (await custodians.FindAsync(HexOf(KeyId(key)), cancellation)).FirstOrDefault(grant => !grant.Key.Equals(key)) is { } other
                ? $" is that of key {other.Key} listed on register '{other.Register}'"
                : null;
        return where is null
            ? null
            : Problems.Result(StatusCodes.Status409Conflict, "Key id taken",
                $"The key id {HexOf(KeyId(key))} of {key}{where}: a request's key id must name one key. Make another key; nothing was written.");
    }

    private static string KeyId(VerifierKey key) => HttpSignatureKeyIds.Of(key);

    /// <summary>The eight hex digits ending a key id (<c>name+keyid</c>), or the digits themselves.</summary>
    private static string HexOf(string keyId) => keyId[(keyId.LastIndexOf('+') + 1)..];

    /// <summary>Whether <paramref name="keyId"/> ends in eight lower-case hex digits, after a name and <c>+</c> or alone.</summary>
    private static bool IsKeyId(string keyId) =>
        HexOf(keyId) is { Length: 8 } hex && !hex.AsSpan().ContainsAnyExcept("0123456789abcdef") && keyId.LastIndexOf('+') != 0;

    /// <summary>
    /// The register's current record of the key, if it has one. A key id naming its key (<c>name+hex</c>) must name the
    /// listed one: a mistyped name with another key's digits would otherwise revoke that key.
    /// </summary>
    private static async Task<CustodianKeyGrant?> GrantAsync(CustodianKeyStore custodians, string register, string keyId, CancellationToken cancellation) =>
        (await custodians.FindAsync(HexOf(keyId), cancellation))
            .FirstOrDefault(grant => grant.Register == register && (!keyId.Contains('+') || KeyId(grant.Key) == keyId));

    private static async Task<IResult> AppendAsync(
        string register, string systemKey, Item item, HttpContext context, RegisterWriter writer, CheckpointStore checkpoints, CancellationToken cancellation)
    {
        if (!WriteHeaders.TryRead(context, RulePolicy.Refuse, out var write, out var problem))
        {
            return problem;
        }

        var entry = new ProposedEntry(EntryLog.System, systemKey, null, [item.Hash]);
        var outcome = await writer.AppendAsync(register, write with { Entries = [entry], Items = [item] });
        return outcome is WriteOutcome.Refused { Problems: [var refusal] } && Unchanged(register, refusal) is { } unchanged
            ? unchanged
            : await outcome.ToHttpResultAsync(StatusCodes.Status200OK, null, checkpoints, cancellation);
    }

    /// <summary>The conflict of a change that would change nothing (decided under the register's lock), or null.</summary>
    private static IResult? Unchanged(string register, EntryProblem problem) => problem.Rule switch
    {
        CustodianKeyChange.AlreadyAllowed => Problems.Result(StatusCodes.Status409Conflict, "Custodian key already allowed",
            $"Register '{register}' allows the key of its system entry {problem.Key} already; nothing was written."),
        CustodianKeyChange.AlreadyRevoked => Problems.Result(StatusCodes.Status409Conflict, "Custodian key already revoked",
            $"The key of system entry {problem.Key} of register '{register}' is revoked already; nothing was written."),
        CustodianKeyChange.KeyIdTaken => Problems.Result(StatusCodes.Status409Conflict, "Key id taken",
            $"System entry {problem.Key} of register '{register}': {problem.Detail}. Make another key; nothing was written."),
        _ => null,
    };
}

/// <summary>A custodian key to allow.</summary>
/// <param name="Key">The verifier key string, <c>name+keyid+base64</c>.</param>
public sealed record CustodianKeyRequest(string Key)
{
    /// <summary>Members the request has besides <c>key</c>, each refused: a <c>start-date</c>, say, would be dropped unseen, and the key dated otherwise than meant.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
