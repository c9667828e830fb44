using System.Security.Cryptography;
using System.Text;
using Microsoft.OpenApi;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.OpenApi;

/// <summary>
/// Requests to the sample register, by the operation id the document gives them: one each read answers with 200,
/// and one for each read that parses a parameter, which it answers with 400.
/// </summary>
internal static class ReadRequests
{
    private const string Country = "/registers/" + SampleRegister.Name;

    /// <summary>The idempotency key of the write the tests look up (a register of its own, so the sample stays as it is).</summary>
    public const string ProbeWriteKey = "openapi-probe";

    private static readonly string GbHash = "sha-256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SampleRegister.Gb)));

    /// <summary>The write lookup: a GET, but not a read of a register, so none of the reads' query parameters are refused there.</summary>
    public const string WriteLookup = "getWrite";

    /// <summary>A request each read answers with 200 (the sample has 8 user and 11 system entries).</summary>
    public static readonly Dictionary<string, string> Answered = new()
    {
        ["home"] = "/",
        ["listRegisters"] = "/registers",
        ["getLogKey"] = "/.well-known/registers/log-key",
        ["getWriteLimits"] = "/.well-known/registers/write-limits",
        ["getRegister"] = Country + "/register",
        ["getRegisterRoot"] = Country,
        ["listEntries"] = Country + "/entries",
        ["getEntry"] = Country + "/entries/3",
        ["listEntriesSystem"] = Country + "/system/entries",
        ["getEntrySystem"] = Country + "/system/entries/3",
        ["listRecords"] = Country + "/records",
        ["getRecord"] = Country + "/records/GB",
        ["filterRecords"] = Country + "/records/name/France",
        ["getRecordHistory"] = Country + "/records/CZ/entries",
        ["listRecordsSystem"] = Country + "/system/records",
        ["getRecordSystem"] = Country + "/system/records/custodian",
        ["filterRecordsSystem"] = Country + "/system/records/name/country",
        ["getRecordHistorySystem"] = Country + "/system/records/custodian/entries",
        ["getItem"] = Country + "/items/" + GbHash,
        ["downloadRsf"] = Country + "/download-rsf",
        ["downloadRsfFrom"] = Country + "/download-rsf/5",
        ["downloadRsfRange"] = Country + "/download-rsf/2/6",
        ["downloadCsv"] = Country + "/download-csv",
        ["downloadRegister"] = Country + "/download-register",
        ["getRegisterProof"] = Country + "/proof/register/merkle:sha-256",
        ["getEntryProof"] = Country + "/proof/entry/3/8/merkle:sha-256",
        ["getEntryProofPlural"] = Country + "/proof/entries/3/8/merkle:sha-256",
        ["getConsistencyProof"] = Country + "/proof/consistency/5/8/merkle:sha-256",
        ["getRegisterProofSystem"] = Country + "/system/proof/register/merkle:sha-256",
        ["getEntryProofSystem"] = Country + "/system/proof/entry/3/11/merkle:sha-256",
        ["getEntryProofPluralSystem"] = Country + "/system/proof/entries/3/11/merkle:sha-256",
        ["getConsistencyProofSystem"] = Country + "/system/proof/consistency/9/11/merkle:sha-256",
        ["getCheckpoint"] = Country + "/checkpoint",
        ["getCheckpointAtSize"] = Country + "/checkpoint/8",
        ["getMetadataSize"] = Country + "/metadata-size/8",
        ["getCheckpointSystem"] = Country + "/system/checkpoint",
        ["getCheckpointAtSizeSystem"] = Country + "/system/checkpoint/11",
        ["getTile"] = Country + "/tile/0/000.p/8",
        ["getTileSystem"] = Country + "/system/tile/entries/000.p/11",
        [WriteLookup] = "/registers/probe/writes/" + ProbeWriteKey,
    };

    /// <summary>A request that gets a page with neighbours (so <c>Link</c> headers), for each read that pages and a sample to page.</summary>
    public static readonly Dictionary<string, string> Paged = new()
    {
        ["listEntries"] = Country + "/entries?start=2&limit=2",
        ["listEntriesSystem"] = Country + "/system/entries?start=2&limit=2",
        ["listRecords"] = Country + "/records?page-size=2",
        ["listRecordsSystem"] = Country + "/system/records?page-size=2",
        ["filterRecordsSystem"] = Country + "/system/records/cardinality/1?page-size=1", // no two user records share a value
        ["getRecordHistory"] = Country + "/records/CZ/entries?page-size=1",
        ["getRecordHistorySystem"] = Country + "/system/records/custodian/entries?page-size=1",
    };

    /// <summary>A request with a malformed parameter, for each read that parses one.</summary>
    public static readonly Dictionary<string, string> Malformed = new()
    {
        ["listEntries"] = Country + "/entries?start=x",
        ["getEntry"] = Country + "/entries/x",
        ["listEntriesSystem"] = Country + "/system/entries?limit=0",
        ["getEntrySystem"] = Country + "/system/entries/0",
        ["listRecords"] = Country + "/records?page-size=x",
        ["getRecord"] = Country + "/records/GB?as-of=x",
        ["filterRecords"] = Country + "/records/name/France?page-index=0",
        ["getRecordHistory"] = Country + "/records/CZ/entries?page-size=0",
        ["listRecordsSystem"] = Country + "/system/records?as-of=-1",
        ["getRecordSystem"] = Country + "/system/records/custodian?as-of=x",
        ["filterRecordsSystem"] = Country + "/system/records/name/country?page-size=5001",
        ["getRecordHistorySystem"] = Country + "/system/records/custodian/entries?page-index=x",
        ["getItem"] = Country + "/items/sha-256:GB",
        ["downloadRsfFrom"] = Country + "/download-rsf/x",
        ["downloadRsfRange"] = Country + "/download-rsf/6/2",
        ["getEntryProof"] = Country + "/proof/entry/0/8/merkle:sha-256",
        ["getEntryProofPlural"] = Country + "/proof/entries/3/2/merkle:sha-256",
        ["getConsistencyProof"] = Country + "/proof/consistency/5/x/merkle:sha-256",
        ["getEntryProofSystem"] = Country + "/system/proof/entry/x/11/merkle:sha-256",
        ["getEntryProofPluralSystem"] = Country + "/system/proof/entries/3/-1/merkle:sha-256",
        ["getConsistencyProofSystem"] = Country + "/system/proof/consistency/0/11/merkle:sha-256",
        ["getCheckpointAtSize"] = Country + "/checkpoint/x",
        ["getMetadataSize"] = Country + "/metadata-size/x",
        ["getCheckpointAtSizeSystem"] = Country + "/system/checkpoint/-1",
        ["getTile"] = Country + "/tile/0/1",
        ["getTileSystem"] = Country + "/system/tile/entries/x",
    };

    /// <summary>Commits a write with <see cref="ProbeWriteKey"/>, in a register of its own, for <c>getWrite</c> to find.</summary>
    public static async Task CommitProbeWriteAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/registers") { Content = JsonContent.Create(CreateAndAppendTests.DefinitionOf("probe")) };
        request.Headers.Add("Idempotency-Key", ProbeWriteKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The document the server serves, parsed.</summary>
    public static async Task<OpenApiDocument> DocumentAsync(HttpClient client) =>
        OpenApiDocument.Parse(await client.GetStringAsync("/openapi/v1.json"), "json").Document!;

    /// <summary>Each GET operation of the document, by operation id.</summary>
    public static Dictionary<string, OpenApiOperation> ReadsOf(OpenApiDocument document) => document.Paths.Values
        .SelectMany(path => path.Operations!.Where(operation => operation.Key == HttpMethod.Get).Select(operation => operation.Value))
        .ToDictionary(operation => operation.OperationId!);
}
