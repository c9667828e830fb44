using System.Globalization;
using System.Text;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Serialises RFC 8941 dictionaries, members and items by its section 4.1: one canonical
/// spelling, single spaces between inner list items, <c>, </c> between dictionary members, and a
/// parameter whose value is true written as its key alone.
/// </summary>
/// <remarks>
/// Values that came from <see cref="SfParser"/> always serialise. Values built by hand must hold
/// valid keys and printable-ASCII strings; the signer checks what callers give it before it gets here.
/// </remarks>
internal static class SfSerializer
{
    internal static string Serialize(IEnumerable<SfDictionaryMember> dictionary)
    {
        var output = new StringBuilder();
        foreach (var member in dictionary)
        {
            if (output.Length > 0)
            {
                output.Append(", ");
            }

            output.Append(member.Key);
            if (member.Value is SfItem { Value: SfBoolean { Value: true } } flag)
            {
                AppendParameters(output, flag.Parameters);
            }
            else
            {
                output.Append('=');
                AppendMember(output, member.Value);
            }
        }

        return output.ToString();
    }

    internal static string Serialize(SfMember member)
    {
        var output = new StringBuilder();
        AppendMember(output, member);
        return output.ToString();
    }

    internal static void AppendMember(StringBuilder output, SfMember member)
    {
        if (member is SfInnerList list)
        {
            output.Append('(');
            for (var i = 0; i < list.Items.Count; i++)
            {
                if (i > 0)
                {
                    output.Append(' ');
                }

                AppendMember(output, list.Items[i]);
            }

            output.Append(')');
        }
        else
        {
            AppendBareItem(output, ((SfItem)member).Value);
        }

        AppendParameters(output, member.Parameters);
    }

    internal static void AppendParameters(StringBuilder output, IReadOnlyList<SfParameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            output.Append(';').Append(parameter.Key);
            if (parameter.Value is not SfBoolean { Value: true })
            {
                output.Append('=');
                AppendBareItem(output, parameter.Value);
            }
        }
    }

    internal static void AppendBareItem(StringBuilder output, SfBareItem item)
    {
        switch (item)
        {
            case SfInteger integer:
                output.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case SfDecimal number:
                output.Append(decimal.Round(number.Value, 3, MidpointRounding.ToEven).ToString("0.0##", CultureInfo.InvariantCulture));
                break;
            case SfString text:
                AppendString(output, text.Value);
                break;
            case SfToken token:
                output.Append(token.Value);
                break;
            case SfByteSequence bytes:
                output.Append(':').Append(Convert.ToBase64String(bytes.Value)).Append(':');
                break;
            case SfBoolean boolean:
                output.Append(boolean.Value ? "?1" : "?0");
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"{item.GetType().Name} is not an RFC 8941 bare item.");
        }
    }

    /// <summary>Writes a string item: quoted, with <c>"</c> and <c>\</c> escaped by a backslash.</summary>
    internal static void AppendString(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        output.Append('"');
    }
}
