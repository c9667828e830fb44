using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registers.Client.Reads;

/// <summary>What a register says about itself (GOV.UK's register resource), as served: not verified.</summary>
/// <param name="Domain">The domain the register is served from.</param>
/// <param name="TotalRecords">Records (keys) in the register.</param>
/// <param name="TotalEntries">Entries in its user log.</param>
/// <param name="RegisterRecord">The register's own item: fields, phase, registry, text.</param>
/// <param name="Custodian">The custodian's name, when the register names one.</param>
/// <param name="LastUpdated">When the last entry was made.</param>
/// <param name="LogKey">The verifier key the server says signs its checkpoints (pin one you got elsewhere).</param>
/// <param name="Checkpoint">The latest signed checkpoint of the user log.</param>
public sealed record RegisterInfo(
    string Domain, long TotalRecords, long TotalEntries, JsonElement? RegisterRecord, string? Custodian, string? LastUpdated, string LogKey, string Checkpoint)
{
    // For reading: what a register may lack the server leaves out, so it is optional here, and optional parameters must
    // come last. The rest is required, and not null, as declared.
    [JsonConstructor]
    private RegisterInfo(string domain, long totalRecords, long totalEntries, string logKey, string checkpoint,
        JsonElement? registerRecord = null, string? custodian = null, string? lastUpdated = null)
        : this(domain, totalRecords, totalEntries, registerRecord, custodian, lastUpdated, logKey, checkpoint)
    {
    }
}
