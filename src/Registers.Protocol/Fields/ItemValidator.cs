using System.Buffers;
using System.Text;
using Registers.Protocol.Fields.Formats;
using Registers.Protocol.Items;
using Registers.Protocol.Json;

namespace Registers.Protocol.Fields;

/// <summary>
/// Checks a user item against a register's schema (the RSF type check): every attribute is a field
/// of the register, the key field is present and equals the entry key, each value has the field's
/// cardinality and datatype, and a CURIE in a field that links to a register points into that register.
/// All problems are reported, not just the first.
/// </summary>
public static class ItemValidator
{
    private const int StackLimit = 512;

    /// <summary>The problems with <paramref name="item"/> as the item of user entry <paramref name="key"/>; empty when there are none.</summary>
    public static IReadOnlyList<FieldError> Validate(RegisterSchema schema, ReadOnlySpan<char> key, Item item)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(item);
        List<FieldError>? errors = null;
        var sawKeyField = false;
        Span<char> nameChars = stackalloc char[128];
        foreach (var member in item.Members)
        {
            // Attribute names are ASCII, so each byte is one char.
            var name = member.Name.Length <= nameChars.Length ? nameChars[..member.Name.Length] : new char[member.Name.Length];
            Ascii.ToUtf16(member.Name, name, out _);
            if (!schema.TryGetField(name, out var field))
            {
                Add(ref errors, new FieldError(name.ToString(), ValueText(member), FieldRule.UnknownField, $"'{schema.Register}' has no such field"));
                continue;
            }

            if (member.IsList != (field.Cardinality == Cardinality.Many))
            {
                Add(ref errors, member.IsList
                    ? new FieldError(field.Name, ValueText(member), FieldRule.ExpectedOneValue, "the field has cardinality 1")
                    : new FieldError(field.Name, ValueText(member), FieldRule.ExpectedList, "the field has cardinality n"));
                continue;
            }

            var isKeyField = field.Name == schema.KeyField;
            sawKeyField |= isKeyField;
            foreach (var escaped in member.Values)
            {
                CheckValue(field, escaped, isKeyField ? key : default, isKeyField, ref errors);
            }
        }

        if (!sawKeyField)
        {
            Add(ref errors, new FieldError(schema.KeyField, null, FieldRule.MissingKeyField, "the key field must be present"));
        }

        return errors ?? (IReadOnlyList<FieldError>)[];
    }

    private static void CheckValue(FieldDefinition field, ReadOnlySpan<byte> escaped, ReadOnlySpan<char> key, bool isKeyField, ref List<FieldError>? errors)
    {
        // Most values have no escapes and are checked where they lie.
        if (escaped.IndexOf((byte)'\\') < 0)
        {
            CheckDecoded(field, escaped, key, isKeyField, ref errors);
            return;
        }

        var rented = escaped.Length <= StackLimit ? null : ArrayPool<byte>.Shared.Rent(escaped.Length);
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        CheckDecoded(field, buffer[..CanonicalEscaping.Unescape(escaped, buffer)], key, isKeyField, ref errors);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void CheckDecoded(FieldDefinition field, ReadOnlySpan<byte> value, ReadOnlySpan<char> key, bool isKeyField, ref List<FieldError>? errors)
    {
        var problem = CheckDatatype(field, value, out var rule);
        if (problem is not null)
        {
            Add(ref errors, new FieldError(field.Name, Encoding.UTF8.GetString(value), rule, problem, rule == FieldRule.Datatype ? field.Datatype : null));
        }
        else if (isKeyField && !SameText(value, key))
        {
            Add(ref errors, new FieldError(field.Name, Encoding.UTF8.GetString(value), FieldRule.KeyFieldMismatch, $"the entry key is '{key}'"));
        }
    }

    private static string? CheckDatatype(FieldDefinition field, ReadOnlySpan<byte> value, out FieldRule rule)
    {
        rule = FieldRule.Datatype;
        if (field.Datatype != Datatype.Curie || field.Register is null)
        {
            return DatatypeValidator.Check(field.Datatype, value);
        }

        // A field that links to a register: a bare key means a record there, and a prefix must name it.
        if (value.IndexOf((byte)':') < 0)
        {
            return UrlAndCurieFormats.CheckRelativeCurie(value);
        }

        var problem = UrlAndCurieFormats.CheckCurie(value);
        if (problem is null && !Ascii.Equals(UrlAndCurieFormats.PrefixOf(value), field.Register))
        {
            rule = FieldRule.CurieRegister;
            return $"the field links to '{field.Register}'";
        }

        return problem;
    }

    private static bool SameText(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> text)
    {
        if (Ascii.IsValid(utf8))
        {
            return Ascii.Equals(utf8, text);
        }

        return Encoding.UTF8.GetString(utf8).AsSpan().SequenceEqual(text);
    }

    private static string ValueText(ItemMember member) =>
        member.IsList ? Encoding.UTF8.GetString(member.Json) : member.GetFirstValue();

    private static void Add(ref List<FieldError>? errors, FieldError error) => (errors ??= []).Add(error);
}
