using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Security.Cryptography;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.HttpSignatures;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;

namespace Registers.ReadBench;

/// <summary>
/// The benchmark's register, written as RSF while it is sent: its definition, then <c>entries</c> user entries over
/// <c>keys</c> keys (so each key is updated entries/keys times), each entry with an item of its own.
/// </summary>
internal sealed class BenchRegister(int entries, int keys) : HttpContent
{
    public const string Name = "bench";

    private static readonly EntryTimestamp Start = EntryTimestamp.Parse("2024-01-01T00:00:00Z");

    public static string Key(int index) => "K" + index.ToString("D7", CultureInfo.InvariantCulture);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var rsf = new RsfWriter(stream, leaveOpen: true);
        foreach (var (key, json) in new[]
        {
            ("name", """{"name":"bench"}"""),
            ("field:bench", """{"cardinality":"1","datatype":"string","field":"bench","text":"The key."}"""),
            ("field:name", """{"cardinality":"1","datatype":"string","field":"name","text":"A value."}"""),
            ("register:bench", """{"fields":["bench","name"],"register":"bench","text":"A register to measure."}"""),
        })
        {
            var item = Item.Create(Encoding.UTF8.GetBytes(json));
            rsf.WriteAddItem(item);
            rsf.WriteAppendEntry(EntryLog.System, key, Start, [item.Hash]);
        }

        for (var i = 0; i < entries; i++)
        {
            var key = Key(i % keys);
            var item = Item.Create(Encoding.UTF8.GetBytes($$"""{"bench":"{{key}}","name":"value {{i}}"}"""));
            rsf.WriteAddItem(item);
            rsf.WriteAppendEntry(EntryLog.User, key, EntryTimestamp.FromUnixSeconds(Start.UnixSeconds + i), [item.Hash]);
        }

        rsf.Flush();
        return Task.CompletedTask;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    /// <summary>Loads the register into the server as a signed write, reporting how long it took (writing the file first, to digest it).</summary>
    public static async Task<TimeSpan> LoadAsync(ServerProcess server, int entries, int keys)
    {
        var file = Path.GetTempFileName();
        try
        {
            await using (var output = File.Create(file))
            {
                using var content = new BenchRegister(entries, keys);
                await content.CopyToAsync(output);
            }

            Digest digest;
            await using (var input = File.OpenRead(file))
            {
                digest = Digest.FromBytes(await SHA256.HashDataAsync(input));
            }

            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromHours(1) };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, $"/registers/{Name}/rsf"));
            request.Content = new StreamContent(File.OpenRead(file));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
            request.Content.Headers.Add("Content-Digest", ContentDigest.Format(digest));
            Sign(request, server.AdminKey);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Loading failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return clock.Elapsed;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Signs a request as docs/writes.md says: RFC 9421, Ed25519, covering the method, the target URI and the body's digest.</summary>
    private static void Sign(HttpRequestMessage request, SignerKey key)
    {
        var headers = request.Content!.Headers.SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value)));
        var signature = HttpMessageSigner.Sign(
            new HttpRequestParts(request.Method.Method, request.RequestUri!.AbsoluteUri, headers),
            new SignatureParameters
            {
                Components = ["@method", "@target-uri", "content-digest"],
                Created = DateTimeOffset.UtcNow,
                KeyId = HttpSignatureKeyIds.Of(key.VerifierKey),
                Nonce = Guid.NewGuid().ToString("N"),
            },
            key);
        request.Headers.Add("Signature-Input", signature.SignatureInput);
        request.Headers.Add("Signature", signature.Signature);
    }
}
