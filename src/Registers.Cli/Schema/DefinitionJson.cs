using Registers.Cli.Import;

namespace Registers.Cli.Schema;

/// <summary>
/// A register definition file's bytes as the JSON reader and the server take them: a byte order mark (as Windows editors
/// save UTF-8) is no part of the JSON and is left out; a file in another encoding is refused at its first such byte, rather
/// than read with replacement characters or failing deep in the reader.
/// </summary>
internal static class DefinitionJson
{
    /// <summary>The JSON of the file <paramref name="file"/>, and why it is not UTF-8 (null when it is).</summary>
    public static (byte[] Json, string? NotUtf8) Of(byte[] file)
    {
        var json = file.AsSpan().StartsWith("\uFEFF"u8) ? file[3..] : file;
        return (json, InvalidUtf8.Find(json) is { } bad ? $"it is not UTF-8 (at line {bad.Line}, column {bad.Column}): save it as UTF-8" : null);
    }
}
