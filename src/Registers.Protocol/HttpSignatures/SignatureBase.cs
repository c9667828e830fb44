using System.Text;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// The signature base of RFC 9421 section 2.5: for each covered component in order, its identifier,
/// <c>": "</c>, its value and a line feed; then <c>"@signature-params": </c> and the serialised
/// inner list of covered components with the signature parameters, and no final line feed.
/// </summary>
internal static class SignatureBase
{
    /// <summary>The base's ASCII bytes, or the first component that has no value and why.</summary>
    /// <param name="request">The request the components are drawn from.</param>
    /// <param name="signatureParams">The covered components (string items) and the signature parameters.</param>
    /// <param name="signatureBase">The bytes to sign or verify; empty on failure.</param>
    /// <param name="failed">On failure, the component's identifier as serialised.</param>
    /// <returns><see cref="ComponentProblem.None"/>, or why a component has no value.</returns>
    internal static ComponentProblem TryCreate(
        HttpRequestParts request, SfInnerList signatureParams, out byte[] signatureBase, out string failed)
    {
        signatureBase = [];
        failed = "";
        var values = new ComponentValues(request);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var output = new StringBuilder();
        foreach (var component in signatureParams.Items)
        {
            failed = SfSerializer.Serialize(component);
            var problem = component switch
            {
                { Value: not SfString } => ComponentProblem.InvalidName,
                { Parameters.Count: > 0 } => ComponentProblem.UnsupportedParameter,
                { Value: SfString name } when !seen.Add(name.Value) => ComponentProblem.Duplicate,
                _ => ComponentProblem.None,
            };
            var value = "";
            if (problem == ComponentProblem.None)
            {
                problem = values.TryGetValue(((SfString)component.Value).Value, out value);
            }

            if (problem != ComponentProblem.None)
            {
                return problem;
            }

            output.Append(failed).Append(": ").Append(value).Append('\n');
        }

        failed = "";
        output.Append("\"@signature-params\": ");
        SfSerializer.AppendMember(output, signatureParams);
        signatureBase = Encoding.ASCII.GetBytes(output.ToString());
        return ComponentProblem.None;
    }
}
