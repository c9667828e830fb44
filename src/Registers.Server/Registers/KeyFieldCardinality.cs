using Registers.Protocol.Fields;

namespace Registers.Server.Registers;

/// <summary>
/// A register's key field (named like the register) holds one value: a record's key is one value, so a list there would
/// make every item break the key rule one way or another, and the register could take no entry. Creating a register and
/// every system entry defining its key field are judged by it.
/// </summary>
public static class KeyFieldCardinality
{
    /// <summary>The rule a key field of cardinality n breaks.</summary>
    public const string Rule = "key-field-cardinality";

    /// <summary>Why <paramref name="field"/> cannot define <paramref name="register"/>'s key field; null if it can, or defines another field.</summary>
    public static string? Refusal(string register, FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Name == register && field.Cardinality != Cardinality.One
            ? $"the key field '{register}' must have cardinality 1: a record's key is one value, so with a list no entry could be written"
            : null;
    }
}
