namespace Registers.Protocol.Fields;

/// <summary>
/// What a value that broke a <see cref="FieldRule"/> is, in the words a custodian reads (the rule's name is for machines:
/// a refusal's problem details carry it as <c>rule</c>).
/// </summary>
internal static class FieldRuleWording
{
    /// <summary>The predicate after the value, e.g. "is a list, not one value".</summary>
    public static string Of(FieldRule rule, Datatype? datatype) => rule switch
    {
        FieldRule.UnknownField => "is in an unknown field",
        FieldRule.MissingKeyField => "is missing",
        FieldRule.KeyFieldMismatch => "is not the entry's key",
        FieldRule.ExpectedOneValue => "is a list, not one value",
        FieldRule.ExpectedList => "is one value, not a list",
        FieldRule.Datatype => datatype is { } type ? $"is not a valid {type.ToName()}" : "is not of the field's datatype",
        FieldRule.CurieRegister => "links to another register",
        FieldRule.Required => "is missing",
        FieldRule.UnknownDatatype => "is not a datatype",
        FieldRule.InvalidCardinality => "is not a cardinality",
        _ => "is not allowed",
    };
}
