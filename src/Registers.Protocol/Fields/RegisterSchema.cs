using System.Diagnostics.CodeAnalysis;
using Registers.Protocol.Json;

namespace Registers.Protocol.Fields;

/// <summary>
/// The fields of a register at some point in its system log. The key field is the field named like
/// the register (RSF: "the primary key field is the field with the same name as the register").
/// Immutable: <see cref="WithField"/> gives the schema after one more <c>field:*</c> entry.
/// </summary>
public sealed class RegisterSchema
{
    private readonly Dictionary<string, FieldDefinition> _fields;
    private readonly Dictionary<string, FieldDefinition>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>A schema for register <paramref name="register"/> with <paramref name="fields"/> (later definitions of a name replace earlier ones).</summary>
    /// <exception cref="ArgumentException">The register name is not a name (<c>[a-z][a-z0-9-]*</c>).</exception>
    public RegisterSchema(string register, IEnumerable<FieldDefinition> fields)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(fields);
        if (!CanonicalJson.IsAttributeName(register))
        {
            throw new ArgumentException($"'{register}' is not a register name.", nameof(register));
        }

        Register = register;
        _fields = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            _fields[field.Name] = field;
        }

        _bySpan = _fields.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The register's name.</summary>
    public string Register { get; }

    /// <summary>The name of the key field, which is the register's name.</summary>
    public string KeyField => Register;

    /// <summary>The fields by name.</summary>
    public IReadOnlyDictionary<string, FieldDefinition> Fields => _fields;

    /// <summary>Looks a field up by name without making a string.</summary>
    public bool TryGetField(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out FieldDefinition field) =>
        _bySpan.TryGetValue(name, out field);

    /// <summary>This schema with <paramref name="field"/> added, or replacing the field of the same name.</summary>
    public RegisterSchema WithField(FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new RegisterSchema(Register, _fields.Values.Where(f => f.Name != field.Name).Append(field));
    }
}
