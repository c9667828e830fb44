using System.Text.Json.Nodes;

namespace Registers.Server.Tests.Support;

/// <summary>Compares JSON as GOV.UK's specification reads it: objects unordered, arrays ordered.</summary>
public static class JsonCompare
{
    /// <summary>The JSON text with every object's members sorted by name, so equal JSON gives equal text.</summary>
    public static string Normalised(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, Sort(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        null => null,
        _ => node.DeepClone(),
    };
}
