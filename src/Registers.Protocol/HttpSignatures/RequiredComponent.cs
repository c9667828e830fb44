namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// A component a policy requires a signature to cover: one name, or any one of several (such as
/// <c>@path</c> or <c>@target-uri</c>, either of which fixes the resource).
/// </summary>
public sealed class RequiredComponent
{
    private RequiredComponent(IReadOnlyList<string> alternatives) => Alternatives = alternatives;

    /// <summary>The component names, any one of which meets the requirement.</summary>
    public IReadOnlyList<string> Alternatives { get; }

    /// <summary>Requires <paramref name="name"/>: a derived component (<c>@method</c>) or a lowercase field name (<c>content-digest</c>).</summary>
    /// <exception cref="ArgumentException">The name is neither a derived component this library supports nor a lowercase field name.</exception>
    public static RequiredComponent Of(string name) => AnyOf(name);

    /// <summary>Requires at least one of <paramref name="names"/>.</summary>
    /// <exception cref="ArgumentException">No names, or one that could never be covered.</exception>
    public static RequiredComponent AnyOf(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw SignatureErrors.Argument(nameof(names), "At least one component name is needed.");
        }

        foreach (var name in names)
        {
            SignatureErrors.ThrowIfNotComponentName(name, nameof(names));
        }

        return new RequiredComponent([.. names]);
    }

    /// <summary>True when one of the alternatives is among <paramref name="covered"/>.</summary>
    internal bool IsMetBy(IReadOnlyCollection<string> covered) => Alternatives.Any(covered.Contains);

    /// <summary>The names joined by "or".</summary>
    public override string ToString() => string.Join(" or ", Alternatives);
}
