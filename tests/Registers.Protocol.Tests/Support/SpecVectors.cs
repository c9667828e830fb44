using System.Text.Json;

namespace Registers.Protocol.Tests.Support;

/// <summary>Reads <c>govuk/spec-vectors.json</c> (values from the GOV.UK specification and openregister-java tests).</summary>
internal static class SpecVectors
{
    public static JsonElement Root()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("govuk", "spec-vectors.json")));
        return document.RootElement.Clone();
    }

    public static JsonElement At(params string[] path)
    {
        var element = Root();
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element;
    }
}
