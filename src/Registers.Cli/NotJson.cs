using System.Text.Json;

namespace Registers.Cli;

/// <summary>
/// Why a file is not JSON, in plain words: the reader's own message ("'a' is an invalid start of a value. LineNumber: 0 |
/// BytePositionInLine: 0.") speaks of its internals and counts from 0.
/// </summary>
internal static class NotJson
{
    /// <summary>"it is not JSON (at line L, column C)" where the reader stopped, or <paramref name="failure"/>'s own message when it is not the reader's.</summary>
    public static string Reason(JsonException failure) =>
        failure.LineNumber is { } line ? $"it is not JSON (at line {line + 1}, column {failure.BytePositionInLine + 1})" : failure.Message;
}
