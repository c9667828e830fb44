using Registers.Protocol.Fields;

namespace Registers.Protocol.Tests.Fields;

/// <summary>
/// A field error's message is what a custodian reads on the terminal and in a refusal's problem details: it says in words
/// what is wrong, never the name of the rule in the code (the problem details carry that as <c>rule</c>).
/// </summary>
public sealed class FieldErrorMessageTests
{
    public static TheoryData<FieldError, string> Errors() => new()
    {
        { new FieldError("colour", "red", FieldRule.UnknownField, "'school' has no such field"), "colour: 'red' is in an unknown field: 'school' has no such field" },
        { new FieldError("label", "A", FieldRule.UnknownField, "field items have field, datatype, cardinality, register, text and phase"), "label: 'A' is in an unknown field: field items have field, datatype, cardinality, register, text and phase" },
        { new FieldError("school", null, FieldRule.MissingKeyField, "the key field must be present"), "school: missing: the key field must be present" },
        { new FieldError("school", "2", FieldRule.KeyFieldMismatch, "the entry key is '1'"), "school: '2' is not the entry's key: the entry key is '1'" },
        { new FieldError("name", "[\"a\",\"b\"]", FieldRule.ExpectedOneValue, "the field has cardinality 1"), "name: '[\"a\",\"b\"]' is a list, not one value: the field has cardinality 1" },
        { new FieldError("phases", "primary", FieldRule.ExpectedList, "the field has cardinality n"), "phases: 'primary' is one value, not a list: the field has cardinality n" },
        { new FieldError("start-date", "1990-13", FieldRule.Datatype, "month must be 01 to 12", Datatype.Datetime), "start-date: '1990-13' is not a valid datetime: month must be 01 to 12" },
        { new FieldError("address", "country:GB", FieldRule.CurieRegister, "the field links to 'address'"), "address: 'country:GB' links to another register: the field links to 'address'" },
        { new FieldError("datatype", null, FieldRule.Required, "a field item must have it"), "datatype: missing: a field item must have it" },
        { new FieldError("datatype", "money", FieldRule.UnknownDatatype, "no such datatype"), "datatype: 'money' is not a datatype: no such datatype" },
        { new FieldError("cardinality", "2", FieldRule.InvalidCardinality, "cardinality is 1 or n"), "cardinality: '2' is not a cardinality: cardinality is 1 or n" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Says_what_is_wrong_in_words(FieldError error, string expected) => Assert.Equal(expected, error.Message);

    [Fact]
    public void No_rule_is_without_words_and_none_shows_its_name()
    {
        foreach (var rule in Enum.GetValues<FieldRule>())
        {
            var message = new FieldError("field", "value", rule, "detail", rule == FieldRule.Datatype ? Datatype.Name : null).Message;
            Assert.DoesNotContain(rule.ToString(), message, StringComparison.Ordinal);
            Assert.DoesNotContain(" breaks ", message, StringComparison.Ordinal);
        }
    }
}
