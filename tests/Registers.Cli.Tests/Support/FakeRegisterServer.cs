using System.Net;
using System.Text;
using System.Text.Json;
using Registers.Protocol.Entries;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Tests.Support;

/// <summary>
/// A register server in memory, for command tests that need no PostgreSQL: it keeps one register's logs as an
/// <see cref="RsfReplay"/> (so roots are real), applies RSF loads and JSON appends with <c>If-Match</c> and
/// <c>Idempotency-Key</c> as <c>docs/writes.md</c> says, serves the register proofs and write receipts, and can be told
/// to lose its answers (after applying a write) to play a crash. It does not check signatures; it records them.
/// </summary>
internal sealed class FakeRegisterServer(string register) : HttpMessageHandler
{
    private readonly Dictionary<string, string> _receipts = [];
    private RsfReplay? _log;

    /// <summary>Every request, method and path, in order.</summary>
    public List<(HttpMethod Method, string Path, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = [];

    /// <summary>Writes applied (not counting repeats answered from a receipt).</summary>
    public int Applied { get; private set; }

    /// <summary>
    /// Plays a crash: the write that brings <see cref="Applied"/> to this number is applied but its answer is lost (the
    /// connection fails), and every request after it fails too, until this is cleared (the server is back).
    /// </summary>
    public int? LoseAnswersAfter { get; set; }

    /// <summary>Refuses the write of this number (1-based, counting every write request) with 422, naming line 2 of its body.</summary>
    public int? RefuseWrite { get; set; }

    /// <summary>The rule the refused write breaks.</summary>
    public string RefusedRule { get; set; } = "fake";

    /// <summary>How many problems the refusal counts (<c>problem-count</c>); it lists only the first, as a server lists at most so many.</summary>
    public int RefusedProblems { get; set; } = 1;

    /// <summary>Answers the write of this number (1-based, counting every write request) with 429 and <c>Retry-After: 1</c>, applying nothing.</summary>
    public int? BusyWrite { get; set; }

    /// <summary>
    /// A register definition (the JSON <c>create</c> takes) whose fields the server has, served as its <c>field:</c> system
    /// records; without one, the server says it has no such register when asked for them.
    /// </summary>
    public string? Fields { get; set; }

    /// <summary>The <c>warnings</c> of every write's receipt, as JSON: a lenient load's broken rules, by line of the batch.</summary>
    public string Warnings { get; set; } = "[]";

    private int _writes;

    /// <summary>Puts RSF into the register as if loaded earlier, without a request.</summary>
    public void Preload(string rsf)
    {
        var answer = Write(new Dictionary<string, string>(), () => rsf);
        (Applied, _writes) = (Applied - 1, _writes - 1);
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(answer.Content.ReadAsStringAsync().Result);
        }
    }

    public long UserSize => (long)(_log?.Entries(EntryLog.User) ?? 0);

    public string UserRoot => (_log ?? new RsfReplay()).Root(EntryLog.User).ToString();

    public HttpMessageHandler Handler() => this;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.NonValidated.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value));
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add((request.Method, path, headers));
        if (LoseAnswersAfter is { } limit && Applied >= limit)
        {
            throw new HttpRequestException("connection refused (the fake server is down)");
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var prefix = $"/registers/{register}";
        return (request.Method.Method, path) switch
        {
            ("GET", var p) when p == $"{prefix}/proof/register/merkle:sha-256" => Proof(EntryLog.User),
            ("GET", var p) when p == $"{prefix}/system/proof/register/merkle:sha-256" => Proof(EntryLog.System),
            // As the real server, a last segment's ".json" names the format: the key is what comes before it.
            ("GET", var p) when p.StartsWith($"{prefix}/writes/", StringComparison.Ordinal) && p.EndsWith(".json", StringComparison.Ordinal) =>
                _receipts.TryGetValue(Uri.UnescapeDataString(p[$"{prefix}/writes/".Length..^".json".Length]), out var receipt) ? Json(HttpStatusCode.OK, receipt) : Problem(HttpStatusCode.NotFound, "No such write"),
            ("GET", var p) when p == $"{prefix}/system/records.json" => Fields is null ? Problem(HttpStatusCode.NotFound, "Unknown register") : Json(HttpStatusCode.OK, FieldRecords(Fields)),
            ("POST", var p) when p == $"{prefix}/rsf" => Write(headers, () => Encoding.UTF8.GetString(body)),
            ("POST", var p) when p == $"{prefix}/entries" => Write(headers, () => EntriesAsRsf(body)),
            _ => Problem(HttpStatusCode.NotFound, "Not here"),
        };
    }

    private HttpResponseMessage Write(IReadOnlyDictionary<string, string> headers, Func<string> rsf)
    {
        var key = headers.GetValueOrDefault("idempotency-key");
        if (key is not null && _receipts.TryGetValue(key, out var earlier))
        {
            return Json(HttpStatusCode.OK, earlier);
        }

        if (++_writes == BusyWrite)
        {
            var busy = Problem(HttpStatusCode.TooManyRequests, "Too many writes", detail: "This key may make 600 writes a minute; try again in 1 s.");
            busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return busy;
        }

        if (_writes == RefuseWrite)
        {
            return Problem(HttpStatusCode.UnprocessableEntity, "Entries refused", $$"""[{"line":2,"key":"","rule":"{{RefusedRule}}","detail":"refused by the fake"}]""",
                $"Nothing was written: {RefusedProblems} problem(s), the first: line 2: refused by the fake.", RefusedProblems);
        }

        if (headers.GetValueOrDefault("if-match") is { } ifMatch && ifMatch != $"\"size-{UserSize}\"")
        {
            return Problem(HttpStatusCode.PreconditionFailed, "Size mismatch");
        }

        var log = _log ?? new RsfReplay();
        var next = new RsfReplay(log.Head(EntryLog.User), log.Head(EntryLog.System));
        var (firstUser, firstSystem) = (log.Entries(EntryLog.User) + 1, log.Entries(EntryLog.System) + 1);
        using var reader = new RsfReader(new MemoryStream(Encoding.UTF8.GetBytes(rsf())));
        while (reader.Read())
        {
            var problems = next.Apply(reader.Current).ToArray();
            if (problems.FirstOrDefault(p => p.Severity == RsfSeverity.Error) is { } error)
            {
                return Problem(HttpStatusCode.UnprocessableEntity, "Entries refused", $$"""[{"line":{{error.Line}},"key":"","rule":"rsf","detail":{{JsonSerializer.Serialize(error.Message)}}}]""");
            }
        }

        // The fake starts its next replay from the heads, so items of earlier writes are not known to it: batches must carry their items.
        _log = next;
        string Log(EntryLog which, ulong first) =>
            $$"""{"size":{{next.Entries(which)}},"root":"{{next.Root(which)}}"{{(next.Entries(which) >= first ? $",\"first-entry\":{first},\"last-entry\":{next.Entries(which)}" : "")}}}""";
        var receipt = $$"""{"register":"{{register}}","user":{{Log(EntryLog.User, firstUser)}},"system":{{Log(EntryLog.System, firstSystem)}},"warnings":{{Warnings}}}""";
        if (key is not null)
        {
            _receipts[key] = receipt;
        }

        if (++Applied == LoseAnswersAfter)
        {
            throw new HttpRequestException("connection reset (the fake server went down after applying the write)");
        }

        return Json(HttpStatusCode.OK, receipt);
    }

    /// <summary>The system records of a definition's fields, as the server serves them: by key, each with its item.</summary>
    private static string FieldRecords(string definition)
    {
        using var json = JsonDocument.Parse(definition);
        // Each the latest of its key, as the server serves a record: the entry numbers in the order the fields are defined.
        return JsonSerializer.Serialize(json.RootElement.GetProperty("fields").EnumerateArray().Select((field, index) => (field, index)).ToDictionary(
            defined => "field:" + defined.field.GetProperty("field").GetString(),
            defined => new Dictionary<string, object>
            {
                ["entry-number"] = (defined.index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["key"] = "field:" + defined.field.GetProperty("field").GetString(),
                ["item"] = new[] { defined.field },
            }));
    }

    private static string EntriesAsRsf(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var rsf = new StringBuilder();
        foreach (var entry in json.RootElement.GetProperty("entries").EnumerateArray())
        {
            var item = Registers.Protocol.Items.Item.FromJson(Encoding.UTF8.GetBytes(entry.GetProperty("item").GetRawText()));
            rsf.Append($"add-item\t{item}\nappend-entry\tuser\t{entry.GetProperty("key").GetString()}\t2020-01-01T00:00:00Z\t{item.Hash}\n");
        }

        return rsf.ToString();
    }

    private HttpResponseMessage Proof(EntryLog log) => _log is null
        ? Problem(HttpStatusCode.NotFound, "Unknown register")
        : Json(HttpStatusCode.OK, $$"""{"proof-identifier":"merkle:sha-256","root-hash":"{{_log.Root(log)}}","total-entries":{{_log.Entries(log)}},"checkpoint":"registers.test/registers/{{register}}\n{{_log.Entries(log)}}\n"}""");

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Problem(HttpStatusCode status, string title, string? errors = null, string? detail = null, int? problemCount = null) =>
        new(status) { Content = new StringContent($$"""{"title":"{{title}}","status":{{(int)status}}{{(detail is null ? "" : ",\"detail\":\"" + detail + "\"")}}{{(errors is null ? "" : ",\"errors\":" + errors)}}{{(problemCount is null ? "" : ",\"problem-count\":" + problemCount)}}}""", Encoding.UTF8, "application/problem+json") };
}
