using System.Text;
using System.Text.Json;
using Registers.Protocol.Hashing;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// One transparency-dev proof probe from <c>merkle/inclusion/**</c> or <c>merkle/consistency/**</c>: a JSON
/// object whose byte fields are base64 and whose <c>wantErr</c> says whether a verifier must refuse it.
/// </summary>
internal sealed class Probe(JsonElement json)
{
    /// <summary>The probe files of <paramref name="kind"/> ("inclusion" or "consistency"), relative to merkle/.</summary>
    public static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        string folder;
        try
        {
            folder = TestData.PathOf("merkle");
        }
        catch (Xunit.Sdk.SkipException)
        {
            // One case that skips with TestData's message, rather than a theory without data.
            data.Add($"{kind}/(test data absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
        }

        return data;
    }

    public static Probe Load(string relativePath) =>
        new(JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("merkle", relativePath))).RootElement);

    public bool WantErr => json.GetProperty("wantErr").GetBoolean();

    public ulong Number(string name) => json.GetProperty(name).GetUInt64();

    /// <summary>
    /// A leaf hash as a client would parse it off the wire: false when the field is not 32 bytes (some probes
    /// hold ""), which a <see cref="Digest"/> cannot carry, so such a probe is refused before any verifying.
    /// </summary>
    public bool TryLeafHash(out Digest leafHash) =>
        Digest.TryParseBase64(json.GetProperty("leafHash").GetString(), out leafHash);

    /// <summary>
    /// A root or proof hash. Some probes hold placeholders that are not 32 bytes ("" or "don't care 1"); roots are
    /// only ever compared, and transparency-dev accepts equal placeholders ("sizes are equal (one) and proof is
    /// empty"), so each stands in as SHA-256 of a tag and its bytes: distinct placeholders stay distinct, equal
    /// ones equal, and none equals a real hash.
    /// </summary>
    public Digest Hash(string name) => ToDigest(json.GetProperty(name).GetString() ?? "");

    public Digest[] Proof() =>
        json.GetProperty("proof") is { ValueKind: JsonValueKind.Array } proof
            ? [.. proof.EnumerateArray().Select(p => ToDigest(p.GetString() ?? ""))]
            : [];

    private static Digest ToDigest(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return bytes.Length == Digest.Length
            ? Digest.FromBytes(bytes)
            : Digest.Of([.. Encoding.ASCII.GetBytes("probe placeholder:"), .. bytes]);
    }
}
