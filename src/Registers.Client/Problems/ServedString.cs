using System.Text.Json;

namespace Registers.Client.Problems;

/// <summary>
/// A JSON string a server wrote, read as text even when it is none: JSON may escape half of a surrogate pair
/// (<c>"\ud800"</c>), which parses, but which <see cref="JsonElement.GetString"/> refuses with an exception that no reader of
/// a problem expects. Such a string is given as it was written between its quotes, escapes and all.
/// </summary>
internal static class ServedString
{
    /// <summary>The text of <paramref name="value"/>, a JSON string.</summary>
    public static string Of(JsonElement value)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            var written = value.GetRawText();
            return written[1..^1];
        }
    }
}
