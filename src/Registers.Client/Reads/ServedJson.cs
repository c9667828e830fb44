using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Reads;

/// <summary>
/// Reads the server's JSON answers (GOV.UK's shapes) into served values. Anything that is not the shape the protocol
/// defines is a <see cref="VerificationProblem.MalformedAnswer"/>: a verifying client cannot skip what it cannot read.
/// </summary>
internal static class ServedJson
{
    /// <summary>The one record of a record resource (an object keyed by the record's key).</summary>
    public static ServedRecord Record(string register, ReadOnlySpan<byte> json, long? treeSize) =>
        Read(register, "record", json, root => RecordOf(root.EnumerateObject().Single().Value, treeSize));

    /// <summary>The records of a record page, in the order served.</summary>
    public static IReadOnlyList<ServedRecord> Records(string register, ReadOnlySpan<byte> json, long? treeSize) =>
        Read(register, "record page", json, root => (IReadOnlyList<ServedRecord>)[.. root.EnumerateObject().Select(member => RecordOf(member.Value, treeSize))]);

    /// <summary>The entries of an entry list.</summary>
    public static IReadOnlyList<ServedEntry> Entries(string register, ReadOnlySpan<byte> json) => Read(register, "entry list", json, root =>
        (IReadOnlyList<ServedEntry>)[.. root.EnumerateArray().Select(entry => new ServedEntry(
            Number(entry, "entry-number"),
            Text(entry, "key"),
            Text(entry, "entry-timestamp"),
            [.. entry.GetProperty("item-hash").EnumerateArray().Select(hash => hash.GetString() ?? "")],
            entry.TryGetProperty("chain-hash", out var chain) ? chain.GetString() ?? "" : ""))]);

    /// <summary>The hashes of a proof: <c>merkle-audit-path</c> or <c>merkle-consistency-nodes</c>.</summary>
    public static IReadOnlyList<Digest> Proof(string register, string member, ReadOnlySpan<byte> json) => Read(register, "proof", json, root =>
        (IReadOnlyList<Digest>)[.. root.GetProperty(member).EnumerateArray().Select(hash => Hash(register, hash.GetString()))]);

    /// <summary>A <c>sha-256:hex</c> hash, or a malformed-answer failure.</summary>
    public static Digest Hash(string register, string? text) => Digest.TryParse(text, out var digest)
        ? digest
        : throw new VerificationException(VerificationProblem.MalformedAnswer, register, $"'{text}' is not a sha-256 hash.");

    private static ServedRecord RecordOf(JsonElement record, long? treeSize)
    {
        var items = record.GetProperty("item").EnumerateArray()
            .Select(item => (ReadOnlyMemory<byte>)JsonMarshal.GetRawUtf8Value(item).ToArray()).ToArray();
        return new ServedRecord(Number(record, "entry-number"), Text(record, "key"), Text(record, "entry-timestamp"), items, treeSize);
    }

    private static T Read<T>(string register, string what, ReadOnlySpan<byte> json, Func<JsonElement, T> read)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new VerificationException(VerificationProblem.MalformedAnswer, register, $"The server's {what} could not be read: {e.Message}");
        }
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()
        ?? throw new FormatException($"'{name}' is null.");

    // GOV.UK writes entry numbers as strings. Digits past long.MaxValue are no entry number either (a FormatException,
    // so the answer is malformed rather than an OverflowException escaping).
    private static long Number(JsonElement element, string name) =>
        long.TryParse(Text(element, name), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"'{name}' is not an entry number: '{Text(element, name)}'.");
}
