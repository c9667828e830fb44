using Registers.Server.Signatures;

namespace Registers.Server.Registers;

/// <summary>
/// The fields of the system log. It defines none of its own: its items are the metadata GOV.UK wrote, whose fields are
/// fixed (<c>name</c>, <c>register-name</c>, <c>custodian</c>, a field definition's, a register definition's), and the
/// custodian keys this server lists.
/// </summary>
public static class MetadataFields
{
    /// <summary>Every field a metadata item has.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "register-name", "custodian",

        // A field definition (field:<name>), and a register definition (register:<name>) with fields, phase, register and text too.
        "field", "datatype", "cardinality", "register", "text", "phase",
        "fields", "registry", "copyright",

        // A custodian key (custodian-key:<key id>), ended when revoked.
        CustodianKeyStore.KeyAttribute, "start-date", "end-date",
    };
}
