using Registers.Protocol.Entries;
using Kind = Registers.Protocol.Entries.EntryKeyErrorKind;

namespace Registers.Protocol.Tests.Entries;

public sealed class EntryKeyTests
{
    [Theory]
    [InlineData("1")] // the specification's valid examples (key-def, RFC 0008) ...
    [InlineData("GB")]
    [InlineData("01")]
    [InlineData("10.5")]
    [InlineData("ADR")]
    [InlineData("CA-ZX")]
    [InlineData("an_id")]
    [InlineData("10.2/3")] // ... and its discouraged legacy one
    [InlineData("E09000033")]
    [InlineData("a-")] // the ABNF allows one trailing delimiter
    public void User_keys_follow_the_v1_id_type(string key)
    {
        Assert.True(EntryKey.IsValid(EntryLog.User, key, out var error), error.Message);
    }

    [Theory]
    [InlineData("_1", Kind.InvalidFirstCharacter, 0)] // the specification's invalid examples
    [InlineData(".34", Kind.InvalidFirstCharacter, 0)]
    [InlineData("A..B", Kind.ConsecutiveDelimiters, 2)]
    [InlineData("ALPHA--", Kind.ConsecutiveDelimiters, 6)]
    [InlineData("C__34", Kind.ConsecutiveDelimiters, 2)]
    [InlineData("C_/34", Kind.ConsecutiveDelimiters, 2)]
    [InlineData("", Kind.Empty, 0)]
    [InlineData("G B", Kind.InvalidCharacter, 1)]
    [InlineData("GB\t", Kind.InvalidCharacter, 2)]
    [InlineData("field:x", Kind.InvalidCharacter, 5)]
    [InlineData("caf\u00e9", Kind.InvalidCharacter, 3)]
    [InlineData("\uff27B", Kind.InvalidCharacter, 0)] // full-width G
    public void User_keys_are_refused_with_reason_and_position(string key, Kind kind, int position)
    {
        Assert.False(EntryKey.IsValid(EntryLog.User, key, out var error));
        Assert.Equal(new EntryKeyError(kind, position), error);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("register-name")]
    [InlineData("custodian")]
    [InlineData("field:start-date")]
    [InlineData("register:country")]
    [InlineData("government-domain")] // a bare register name, as government-domain's system log has it
    [InlineData("custodian-key:1a2b3c4d")]
    [InlineData("custodian-key:0badcafe")]
    public void System_keys_are_names_optionally_after_field_or_register_or_a_custodian_key_id(string key)
    {
        Assert.True(EntryKey.IsValid(EntryLog.System, key, out var error), error.Message);
    }

    [Theory]
    [InlineData("", Kind.Empty, 0)]
    [InlineData("GB", Kind.InvalidName, 0)]
    [InlineData("Name", Kind.InvalidName, 0)]
    [InlineData("field:", Kind.InvalidName, 6)]
    [InlineData("field:Start", Kind.InvalidName, 6)]
    [InlineData("field:start_date", Kind.InvalidName, 11)]
    [InlineData("register:country:x", Kind.InvalidName, 16)]
    [InlineData("index:x", Kind.UnknownPrefix, 0)]
    [InlineData(":x", Kind.UnknownPrefix, 0)]
    [InlineData("custodian-key:", Kind.Empty, 14)]
    [InlineData("custodian-key:1a2b 3c4d", Kind.InvalidCharacter, 18)]
    public void System_keys_are_refused_with_reason_and_position(string key, Kind kind, int position)
    {
        Assert.False(EntryKey.IsValid(EntryLog.System, key, out var error));
        Assert.Equal(new EntryKeyError(kind, position), error);
    }
}
