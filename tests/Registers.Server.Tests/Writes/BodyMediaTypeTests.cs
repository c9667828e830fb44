using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// Every write that takes a body takes one media type: JSON writes <c>application/json</c>, a load
/// <c>application/uk-gov-rsf</c>, each in any case and with no parameter but a UTF-8 charset. A body sent as anything else
/// (no type, a type the framework reads as JSON all the same, an unknown parameter, two Content-Type fields) is refused
/// with 415, a problem naming the type received and the type taken, and an <c>Accept</c> of that type (RFC 9110 15.5.16):
/// it was written (no type, <c>+json</c>, <c>foo=bar</c>, two fields) or refused without saying what to send.
/// </summary>
public sealed class BodyMediaTypeTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    private const string Json = "application/json";
    private const string Rsf = "application/uk-gov-rsf";

    /// <summary>The content types sent, one a line, lines parted by <c>|</c>; none is the empty string.</summary>
    public static TheoryData<string, string> NotTaken()
    {
        var data = new TheoryData<string, string>();
        foreach (var write in new[] { "createRegister", "appendEntries", "addCustodianKey" })
        {
            foreach (var contentType in new[]
            {
                "", "text/json", "application/something+json", "multipart/form-data; boundary=x", "application/json|application/json",
                "application/json|text/plain", "application/json; charset=latin1", "application/json; foo=bar", "application/json; charset=utf-8; charset=utf-8", Rsf,
            })
            {
                data.Add(write, contentType);
            }
        }

        foreach (var contentType in new[] { "", "application/uk-gov-rsf; foo=bar", "application/uk-gov-rsf|application/uk-gov-rsf", Json, "text/plain; charset=utf-8" })
        {
            data.Add("loadRsf", contentType);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NotTaken))]
    public async Task A_body_of_a_type_the_write_does_not_take_is_415_naming_both_types_with_an_Accept_of_the_one_taken_and_writes_nothing(string write, string contentType)
    {
        var lines = contentType.Length == 0 ? [] : contentType.Split('|');
        var taken = write == "loadRsf" ? Rsf : Json;
        var systemSize = await SystemSizeAsync();

        var answer = await SendAsync(write, lines);

        Assert.True(answer.Status == 415, $"{answer.Status}: {answer.Body}");
        Assert.Equal([taken], answer.Headers.GetValueOrDefault("Accept") ?? []);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        problem.AssertWhole(415);
        Assert.Equal(taken, problem.GetProperty("accept").GetString());
        Assert.Equal(lines.Length == 0 ? null : string.Join(", ", lines), problem.GetProperty("content-type").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(taken, detail, StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Contains(line, detail, StringComparison.Ordinal));
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
        Assert.Equal(systemSize, await SystemSizeAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }

    /// <summary>A guard: the type taken, in another case or with a UTF-8 charset, is written as before.</summary>
    [Theory]
    [InlineData("createRegister", "application/json")]
    [InlineData("createRegister", "Application/JSON; charset=\"UTF-8\"")]
    [InlineData("appendEntries", "application/json; charset=utf-8")]
    [InlineData("addCustodianKey", "application/json;charset=utf8")]
    [InlineData("loadRsf", "application/uk-gov-rsf")]
    [InlineData("loadRsf", "APPLICATION/UK-GOV-RSF; charset=utf-8")]
    public async Task A_body_of_the_type_taken_is_written(string write, string contentType)
    {
        var answer = await SendAsync(write, [contentType]);

        Assert.True(answer.Status is 200 or 201, $"{answer.Status}: {answer.Body}");
    }

    /// <summary>
    /// Routing acts on an endpoint's accepted types with a 415 of its own, before the server's check sees the write: no write
    /// that takes a body declares them (the OpenAPI document declares the type instead).
    /// </summary>
    [Fact]
    public void No_write_taking_a_body_gives_routing_accepted_types_to_act_on()
    {
        var writes = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<global::Registers.Server.Writes.TakesBodyAttribute>() is not null).ToList();

        Assert.Equal(4, writes.Count);
        Assert.All(writes, write => Assert.Empty(write.Metadata.OfType<IAcceptsMetadata>()));
    }

    /// <summary>Sends <paramref name="write"/> with a body it would take, signed by the admin key, with these Content-Type lines.</summary>
    private async Task<RawAnswer> SendAsync(string write, string[] contentTypes)
    {
        using var key = SignerKey.Generate("custodian.test/alice");
        var (method, path, body) = write switch
        {
            "createRegister" => (HttpMethod.Post, "/registers", JsonSerializer.Serialize(CreateAndAppendTests.DefinitionOf("territory"))),
            "appendEntries" => (HttpMethod.Post, "/registers/country/entries", """{"entries":[{"key":"GB","item":{"country":"GB"}}]}"""),
            "addCustodianKey" => (HttpMethod.Put, "/registers/country/custodian-keys", $$"""{"key":"{{key.VerifierKey}}"}"""),
            _ => (HttpMethod.Post, "/registers/country/rsf", new RsfBuilder().User("GB", "2024-01-01T00:00:00Z", """{"country":"GB"}""").ToString()),
        };
        using var request = new HttpRequestMessage(method, new Uri(Server.Address, path)) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        foreach (var contentType in contentTypes)
        {
            Assert.True(request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        }

        await SigningHandler.SignAsync(request, Server.AdminKey, DateTimeOffset.UtcNow);
        return await LineByLine.SendAsync(request);
    }

    private async Task<long> SystemSizeAsync() =>
        (await Server.Client.GetFromJsonAsync<JsonElement>("/registers/country/system/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
