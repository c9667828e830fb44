using System.Text;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// The component values of one request (RFC 9421 sections 2.1 and 2.2): derived components from the
/// method and target URI, and header fields by lowercase name.
/// </summary>
internal sealed class ComponentValues(HttpRequestParts request)
{
    private readonly Lazy<TargetUri?> _targetUri = new(() => TargetUri.Parse(request.TargetUri));

    /// <summary>The derived component names this library can give values for.</summary>
    internal static readonly IReadOnlySet<string> DerivedNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query",
    };

    /// <summary>The value of the component named <paramref name="name"/>, or why there is none.</summary>
    internal ComponentProblem TryGetValue(string name, out string value)
    {
        value = "";
        if (name.StartsWith('@'))
        {
            return TryGetDerived(name, out value);
        }

        if (!IsFieldName(name))
        {
            return ComponentProblem.InvalidName;
        }

        var lines = request.FieldLines(name).ToList();
        if (lines.Count == 0)
        {
            return ComponentProblem.FieldMissing;
        }

        var canonical = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (CanonicalFieldValue(line) is not { } field)
            {
                return ComponentProblem.InvalidValue;
            }

            canonical.Add(field);
        }

        value = string.Join(", ", canonical);
        return ComponentProblem.None;
    }

    private ComponentProblem TryGetDerived(string name, out string value)
    {
        value = "";
        if (!DerivedNames.Contains(name))
        {
            return ComponentProblem.UnknownDerivedComponent;
        }

        if (name == "@method")
        {
            value = request.Method;
            return value.Length > 0 && value.All(SfSyntax.IsTokenCharacter) ? ComponentProblem.None : ComponentProblem.InvalidValue;
        }

        if (_targetUri.Value is not { } uri)
        {
            return ComponentProblem.InvalidTargetUri;
        }

        value = name switch
        {
            "@target-uri" => request.TargetUri,
            "@authority" => uri.NormalizedAuthority,
            "@scheme" => uri.NormalizedScheme,
            "@request-target" => uri.OriginForm,
            "@path" => uri.NormalizedPath,
            _ => uri.QueryWithMark,
        };
        return ComponentProblem.None;
    }

    /// <summary>Field component names are field names in lowercase (RFC 9421 section 2.1).</summary>
    internal static bool IsFieldName(string name) =>
        name.Length > 0 && name.All(c => SfSyntax.IsTokenCharacter(c) && !char.IsAsciiLetterUpper(c));

    /// <summary>
    /// One field line's value as RFC 9421 section 2.1 canonicalises it: leading and trailing spaces
    /// and tabs stripped, each obsolete line fold (a line break followed by spaces or tabs) replaced
    /// by one space. Null when what is left holds a line break, another control character (tab
    /// aside) or non-ASCII, none of which a signature base may carry.
    /// </summary>
    internal static string? CanonicalFieldValue(string line)
    {
        var value = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var fold = c == '\n' ? 1 : c == '\r' && i + 1 < line.Length && line[i + 1] == '\n' ? 2 : 0;
            if (fold > 0 && i + fold < line.Length && line[i + fold] is ' ' or '\t')
            {
                TrimEnd(value);
                value.Append(' ');
                i += fold;
                while (i + 1 < line.Length && line[i + 1] is ' ' or '\t')
                {
                    i++;
                }
            }
            else if (c is '\t' or (>= ' ' and <= '~'))
            {
                value.Append(c);
            }
            else
            {
                return null;
            }
        }

        return value.ToString().Trim(' ', '\t');
    }

    private static void TrimEnd(StringBuilder value)
    {
        while (value.Length > 0 && value[^1] is ' ' or '\t')
        {
            value.Length--;
        }
    }
}
