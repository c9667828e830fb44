namespace Registers.Protocol.Json;

/// <summary>One attribute on its way into canonical form: unescaped UTF-8 name and values.</summary>
/// <param name="Name">The attribute name, UTF-8.</param>
/// <param name="Values">The values, unescaped UTF-8, none empty.</param>
/// <param name="IsList">Whether to write an array (cardinality n) rather than one string.</param>
internal readonly record struct PendingMember(byte[] Name, byte[][] Values, bool IsList);

/// <summary>
/// Writes members as canonical JSON: sorted by name bytes, no whitespace, canonical escapes.
/// Both canonicalisers end here, so there is one writer of canonical bytes.
/// </summary>
internal static class CanonicalObjectWriter
{
    /// <summary>Sorts <paramref name="members"/> in place and writes them; names must already be distinct.</summary>
    public static byte[] Write(List<PendingMember> members)
    {
        members.Sort(static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        var length = 2 + Math.Max(0, members.Count - 1);
        foreach (var member in members)
        {
            length += member.Name.Length + 3; // quotes and colon
            length += member.IsList ? 2 + member.Values.Length - 1 : 0;
            foreach (var value in member.Values)
            {
                length += 2 + CanonicalEscaping.EscapedLength(value);
            }
        }

        var output = new byte[length];
        var span = output.AsSpan();
        span[0] = (byte)'{';
        var at = 1;
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }

            var member = members[i];
            span[at++] = (byte)'"';
            member.Name.CopyTo(span[at..]);
            at += member.Name.Length;
            span[at++] = (byte)'"';
            span[at++] = (byte)':';
            at += WriteValues(member, span[at..]);
        }

        span[at] = (byte)'}';
        return output;
    }

    private static int WriteValues(PendingMember member, Span<byte> destination)
    {
        if (!member.IsList)
        {
            return CanonicalEscaping.WriteQuoted(member.Values[0], destination);
        }

        destination[0] = (byte)'[';
        var at = 1;
        for (var i = 0; i < member.Values.Length; i++)
        {
            if (i > 0)
            {
                destination[at++] = (byte)',';
            }

            at += CanonicalEscaping.WriteQuoted(member.Values[i], destination[at..]);
        }

        destination[at] = (byte)']';
        return at + 1;
    }
}
