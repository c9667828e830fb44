namespace Registers.Protocol.Fields;

/// <summary>Which rule a value broke.</summary>
public enum FieldRule
{
    /// <summary>The attribute is not a field of the register.</summary>
    UnknownField,

    /// <summary>The item lacks the key field (the field named like the register).</summary>
    MissingKeyField,

    /// <summary>The key field's value is not the entry key (or, for a field definition, <c>field:&lt;name&gt;</c> does not match <c>field</c>).</summary>
    KeyFieldMismatch,

    /// <summary>Cardinality 1, but the value is an array.</summary>
    ExpectedOneValue,

    /// <summary>Cardinality n, but the value is a single string.</summary>
    ExpectedList,

    /// <summary>The value does not have the field's datatype; <see cref="FieldError.Datatype"/> says which.</summary>
    Datatype,

    /// <summary>A CURIE whose prefix is not the register the field links to.</summary>
    CurieRegister,

    /// <summary>A field definition lacks a required attribute (<c>field</c>, <c>datatype</c> or <c>cardinality</c>).</summary>
    Required,

    /// <summary>A field definition names a datatype that does not exist.</summary>
    UnknownDatatype,

    /// <summary>A field definition's cardinality is not <c>1</c> or <c>n</c>.</summary>
    InvalidCardinality,
}

/// <summary>
/// One broken rule in an item: the field, the offending value, the rule, and a sentence about it.
/// </summary>
/// <param name="Field">The attribute name.</param>
/// <param name="Value">The offending value, decoded (for an array, its JSON text); null when the value is missing.</param>
/// <param name="Rule">The rule broken.</param>
/// <param name="Detail">What exactly is wrong, e.g. "month must be 01 to 12".</param>
/// <param name="Datatype">For <see cref="FieldRule.Datatype"/>: the datatype the value should have had.</param>
public sealed record FieldError(string Field, string? Value, FieldRule Rule, string Detail, Datatype? Datatype = null)
{
    /// <summary>A sentence naming the field and value and saying in words what is wrong, e.g. "start-date: '1990-13' is not a valid datetime: month must be 01 to 12".</summary>
    public string Message => Value is null
        ? $"{Field}: missing: {Detail}"
        : $"{Field}: '{Value}' {FieldRuleWording.Of(Rule, Datatype)}: {Detail}";

    /// <inheritdoc/>
    public override string ToString() => Message;
}
