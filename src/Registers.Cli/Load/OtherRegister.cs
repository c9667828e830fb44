using System.Text.Json;
using Registers.Protocol.Items;

namespace Registers.Cli.Load;

/// <summary>The register a file's <c>name</c> system entry names when it is not the one loaded into, and the line of that entry.</summary>
internal sealed record OtherRegister(string Name, long Line)
{
    /// <summary>
    /// The register system entry <paramref name="key"/> names, when it is the <c>name</c> entry and its item is not
    /// <c>{"name":"<paramref name="register"/>"}</c>, as the server judges it; else null.
    /// </summary>
    public static OtherRegister? Of(string register, string key, Item item, long line)
    {
        if (key != "name" || item.ToString() == $$"""{"name":"{{register}}"}""")
        {
            return null;
        }

        using var json = JsonDocument.Parse(item.Bytes.ToArray());
        return new OtherRegister(
            json.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : item.ToString(), line);
    }

    /// <summary>Why nothing of <paramref name="path"/> is sent to <paramref name="register"/>.</summary>
    public string Describe(string path, string register) =>
        $"{path} is the file of register '{Name}' (its system entry 'name', line {Line}), not of '{register}', and a register takes no other's entries: "
        + $"load it with -r {Name}";
}
