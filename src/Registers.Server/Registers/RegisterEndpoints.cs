using Microsoft.Net.Http.Headers;
using Registers.Protocol.Entries;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;
using Registers.Server.Items;
using Registers.Server.Storage;

namespace Registers.Server.Registers;

/// <summary>
/// The registers this server keeps (<c>/</c> and <c>GET /registers</c>, with links), and GOV.UK's register resource
/// (<c>/registers/{name}/register</c>, also at <c>/registers/{name}</c>): totals, the register's own record,
/// custodian, last update, and beyond GOV.UK the log key that signs its checkpoints and the latest checkpoint.
/// </summary>
public static class RegisterEndpoints
{
    private static readonly string ListSql = $"""
        SELECT h.id, (h.data -> 'user' ->> 'size')::bigint, (h.data -> 'user' ->> 'records')::bigint, i.content
        FROM {StorageSchema.Name}.mt_doc_registerhead h
        LEFT JOIN {StorageSchema.Name}.records r ON r.register = h.id AND r.log = {(short)EntryLog.System} AND r.key = 'register-name'
        LEFT JOIN {StorageSchema.Name}.items i ON i.register = h.id AND i.hash = substring(r.item_hashes FROM 1 FOR 32)
        ORDER BY h.id
        """;

    /// <summary>Maps the register list and the register resource.</summary>
    public static void MapRegisterResources(this IEndpointRouteBuilder routes)
    {
        foreach (var pattern in new[] { "/", "/registers" })
        {
            var list = routes.MapRead(pattern, (HttpContext context, ReadDatabase database, CancellationToken cancellation) => ListAsync(context, database, cancellation))
                .WithTags("Registers")
                .Describe(pattern == "/" ? "home" : "listRegisters", "The registers this server keeps",
                    "Every register with its totals and links to its resources, and links to this API's description."
                    + (pattern == "/" ? " A browser (a client ranking `text/html` above JSON) is sent to the page at `/ui/` instead: 302." : ""))
                .Produces<RegisterIndex>(StatusCodes.Status200OK, Representation.JsonMediaType)
                .WithExample(Representation.JsonMediaType, Examples.Index)
                .Sends(HeaderNames.CacheControl, "`no-cache`: the list is sent whole each time, with no ETag.")
                .ProducesProblem(StatusCodes.Status406NotAcceptable);
            if (pattern == "/")
            {
                list.Produces(StatusCodes.Status302Found); // the redirect is made in front of routing (Web.RegisterPages)
            }
        }

        foreach (var pattern in new[] { "/registers/{name}/register", "/registers/{name}" })
        {
            routes.MapRead(pattern, (string name, HttpContext context, RegisterSummaryReader summaries, LogSigner signer, ServerOptions options, CancellationToken cancellation) =>
                    RegisterAsync(name, context, summaries, signer, options, cancellation))
                .WithTags("Registers")
                .Describe(pattern.EndsWith("/register", StringComparison.Ordinal) ? "getRegister" : "getRegisterRoot", "What a register says about itself",
                    "GOV.UK's register resource, plus `log-key` (the verifier key of the server's checkpoint signatures) and `checkpoint` (the latest signed checkpoint of the user log). Its ETag is tied to the sizes of both logs.")
                .Produces<RegisterResource>(StatusCodes.Status200OK, Representation.JsonMediaType)
                .WithExample(Representation.JsonMediaType, Examples.Register)
                .SendsTreeSize()
                .AnswersNotModified()
                .ReadProblems();
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, ReadDatabase database, CancellationToken cancellation)
    {
        if (Representation.RefuseAllButJson(context) is { } refused)
        {
            return refused;
        }

        var registers = new List<RegisterListing>();
        await using (var command = ReadSql.Command(database, ListSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var name = reader.GetString(0);
                var title = reader.IsDBNull(3) ? null : new ItemJson(reader.GetString(3)).Attributes().FirstOrDefault(a => a.Name == "register-name").Values?.FirstOrDefault();
                var at = ClientTarget.PathOf(context, $"/registers/{name}");
                registers.Add(new RegisterListing(name, title, reader.GetInt64(1), reader.GetInt64(2),
                    new RegisterLinks(at + "/register", at + "/records", at + "/entries", at + "/download-rsf", at + "/checkpoint")));
            }
        }

        context.Response.Headers.CacheControl = "no-cache";
        return Representation.Json(new RegisterIndex(registers, new IndexLinks(ClientTarget.PathOf(context, "/openapi/v1.json"), ClientTarget.PathOf(context, "/scalar/v1"))));
    }

    private static async Task<IResult> RegisterAsync(
        string name, HttpContext context, RegisterSummaryReader summaries, LogSigner signer, ServerOptions options, CancellationToken cancellation)
    {
        if (Representation.RefuseAllButJson(context) is { } refused)
        {
            return refused;
        }

        if (await summaries.ReadAsync(name, cancellation) is not { } summary)
        {
            return Parameters.UnknownRegister(name);
        }

        ReadRoutes.TreeSize(context, summary.TotalEntries);
        if (HttpCaching.Revalidate(context, $"register-{summary.TotalEntries}-{summary.SystemEntries}"))
        {
            return HttpCaching.NotModified();
        }

        return Representation.Json(RegisterResource.Of(summary, signer, options));
    }
}

/// <summary>GOV.UK's register resource, and the key and checkpoint to check the register by.</summary>
/// <param name="Domain">The Internet domain the register is served from.</param>
/// <param name="TotalRecords">The number of records (keys) in the register.</param>
/// <param name="TotalEntries">The number of entries in the register's log.</param>
/// <param name="RegisterRecord">The register's own item in the register register: fields, phase, registry, text.</param>
/// <param name="Custodian">Who keeps the register.</param>
/// <param name="LastUpdated">The timestamp of the register's last entry.</param>
/// <param name="LogKey">The verifier key (C2SP signed-note) of the server's checkpoint signatures; also at <c>/.well-known/registers/log-key</c>.</param>
/// <param name="Checkpoint">The latest signed checkpoint of the register's log (C2SP tlog-checkpoint).</param>
public sealed record RegisterResource(
    string Domain,
    long TotalRecords,
    long TotalEntries,
    ItemJson? RegisterRecord,
    string? Custodian,
    string? LastUpdated,
    string LogKey,
    string? Checkpoint)
{
    /// <summary>The resource of the register <paramref name="summary"/> describes, as this server serves it.</summary>
    public static RegisterResource Of(RegisterSummary summary, LogSigner signer, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        return new RegisterResource(
            options.RegisterDomain ?? options.PublicHost,
            summary.TotalRecords,
            summary.TotalEntries,
            summary.RegisterItem,
            summary.Custodian,
            summary.LastUpdated,
            signer.VerifierKey.ToString(),
            summary.Checkpoint);
    }
}

/// <summary>The registers on this server.</summary>
/// <param name="Registers">Each register, by name.</param>
/// <param name="Links">Where the API is described.</param>
public sealed record RegisterIndex(IReadOnlyList<RegisterListing> Registers, IndexLinks Links);

/// <summary>One register in the list.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Title">Its human name (<c>register-name</c>).</param>
/// <param name="TotalEntries">Entries in its log.</param>
/// <param name="TotalRecords">Records in it.</param>
/// <param name="Links">Its main resources.</param>
public sealed record RegisterListing(string Name, string? Title, long TotalEntries, long TotalRecords, RegisterLinks Links);

/// <summary>A register's main resources.</summary>
/// <param name="Register">What it says about itself.</param>
/// <param name="Records">Its records.</param>
/// <param name="Entries">Its log.</param>
/// <param name="DownloadRsf">All of it as RSF.</param>
/// <param name="Checkpoint">Its latest signed checkpoint.</param>
public sealed record RegisterLinks(string Register, string Records, string Entries, string DownloadRsf, string Checkpoint);

/// <summary>Where this API is described.</summary>
/// <param name="Openapi">The OpenAPI document.</param>
/// <param name="Reference">The interactive reference.</param>
public sealed record IndexLinks(string Openapi, string Reference);
