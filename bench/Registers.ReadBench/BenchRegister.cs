using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Registers.Protocol.Entries;
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

    /// <summary>Loads the register into the server, reporting how long it took.</summary>
    public static async Task<TimeSpan> LoadAsync(Uri server, int entries, int keys)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromHours(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.AdminToken);
        using var content = new BenchRegister(entries, keys);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PostAsync($"/registers/{Name}/rsf", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Loading failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return clock.Elapsed;
    }
}
