namespace Registers.Protocol.HttpSignatures;

/// <summary>One signature read from the <c>Signature-Input</c> and <c>Signature</c> fields, its parameters typed.</summary>
internal sealed record ParsedSignature(string Label, SfInnerList Input, byte[] Signature)
{
    /// <summary>The names of the covered components that are strings, in order.</summary>
    internal IReadOnlyList<string> ComponentNames { get; } =
        [.. Input.Items.Select(i => i.Value).OfType<SfString>().Select(s => s.Value)];

    internal long? Created => (Input.Parameter("created") as SfInteger)?.Value;

    internal long? Expires => (Input.Parameter("expires") as SfInteger)?.Value;

    internal string? KeyId => (Input.Parameter("keyid") as SfString)?.Value;

    internal string? Algorithm => (Input.Parameter("alg") as SfString)?.Value;

    internal string? Nonce => (Input.Parameter("nonce") as SfString)?.Value;

    internal string? Tag => (Input.Parameter("tag") as SfString)?.Value;
}

/// <summary>
/// Reads the signature to check out of the two fields (RFC 9421 sections 4.1 and 4.2, and steps 1 to 3
/// of the verification in section 3.2): both must be dictionaries holding the same label, the input
/// an inner list, the signature a byte sequence. Parameters registered by RFC 9421 must have their
/// registered types; other parameters are kept (they are signed) but not interpreted.
/// </summary>
internal static class SignatureFields
{
    private static readonly string[] IntegerParameters = ["created", "expires"];
    private static readonly string[] StringParameters = ["keyid", "alg", "nonce", "tag"];

    internal static ParsedSignature? TryRead(
        string? signatureInput, string? signature, string? label, out HttpSignatureVerification? failure)
    {
        failure = null;
        if (string.IsNullOrWhiteSpace(signatureInput) || string.IsNullOrWhiteSpace(signature))
        {
            failure = Fail(HttpSignatureFailure.MissingHeaders, $"no {(string.IsNullOrWhiteSpace(signatureInput) ? "Signature-Input" : "Signature")} field");
            return null;
        }

        if (!SfParser.TryParseDictionary(signatureInput, out var inputs, out var error, out var position))
        {
            failure = HttpSignatureVerification.Syntax("Signature-Input", error, position);
            return null;
        }

        if (!SfParser.TryParseDictionary(signature, out var signatures, out error, out position))
        {
            failure = HttpSignatureVerification.Syntax("Signature", error, position);
            return null;
        }

        if (label is null && inputs.Count > 1)
        {
            failure = Fail(HttpSignatureFailure.AmbiguousLabel, $"Signature-Input holds {inputs.Count} signatures and no label was chosen");
            return null;
        }

        label ??= inputs.Count == 1 ? inputs[0].Key : "";
        var input = inputs.Find(label);
        var signed = signatures.Find(label);
        if (input is null || signed is null)
        {
            failure = Fail(HttpSignatureFailure.MissingHeaders, $"{(input is null ? "Signature-Input" : "Signature")} has no signature labelled '{label}'");
            return null;
        }

        if (input is not SfInnerList list)
        {
            failure = Fail(HttpSignatureFailure.Malformed, $"Signature-Input '{label}' is not an inner list", label);
            return null;
        }

        if (signed is not SfItem { Value: SfByteSequence bytes })
        {
            failure = Fail(HttpSignatureFailure.Malformed, $"Signature '{label}' is not a byte sequence", label);
            return null;
        }

        failure = CheckParameterTypes(list, label);
        return failure is null ? new ParsedSignature(label, list, bytes.Value) : null;
    }

    private static HttpSignatureVerification? CheckParameterTypes(SfInnerList input, string label)
    {
        foreach (var parameter in input.Parameters)
        {
            var wrongType = (IntegerParameters.Contains(parameter.Key) && parameter.Value is not SfInteger)
                || (StringParameters.Contains(parameter.Key) && parameter.Value is not SfString);
            if (wrongType)
            {
                var expected = IntegerParameters.Contains(parameter.Key) ? "an integer" : "a string";
                return Fail(HttpSignatureFailure.Malformed, $"Signature-Input '{label}' parameter {parameter.Key} is not {expected}", label);
            }
        }

        return null;
    }

    private static HttpSignatureVerification Fail(HttpSignatureFailure failure, string detail, string? label = null) =>
        HttpSignatureVerification.Fail(failure, detail, label);
}
