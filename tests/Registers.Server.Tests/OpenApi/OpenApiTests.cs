using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.OpenApi;

public sealed class OpenApiTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Fact]
    public async Task The_document_parses_and_validates_without_errors()
    {
        var (document, diagnostic) = await ReadAsync();

        Assert.Empty(diagnostic.Errors);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.StartsWith("3.1", (await _client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json")).GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_endpoint_is_described_with_its_parameters_and_the_type_of_its_answer()
    {
        var (document, _) = await ReadAsync();
        var endpoints = sample.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (endpoint, method)))
            .Where(pair => pair.method is not ("HEAD" or "OPTIONS"))
            .Select(pair => (Path: "/" + pair.endpoint.RoutePattern.RawText!.TrimStart('/').Replace("{**", "{", StringComparison.Ordinal), Method: new HttpMethod(pair.method)))
            .Where(route => !route.Path.StartsWith("/openapi/", StringComparison.Ordinal) && !route.Path.StartsWith("/scalar", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.True(endpoints.Count >= 35, $"only {endpoints.Count} endpoints found");
        foreach (var (path, method) in endpoints)
        {
            Assert.True(document.Paths.TryGetValue(path == "/" ? "/" : path.TrimEnd('/'), out var item), $"{method} {path} is not described");
            OpenApiOperation? operation = null;
            Assert.True(item.Operations?.TryGetValue(method, out operation) == true, $"{method} {path} has no operation");
            Assert.False(string.IsNullOrEmpty(operation!.OperationId), $"{method} {path} has no operation id");
            Assert.False(string.IsNullOrEmpty(operation.Summary), $"{method} {path} has no summary");
            Assert.NotEmpty(operation.Tags ?? new HashSet<OpenApiTagReference>());

            var declared = (operation.Parameters ?? []).Where(parameter => parameter.In == ParameterLocation.Path).Select(parameter => parameter.Name).ToHashSet();
            foreach (var segment in path.Split('/').Where(segment => segment.StartsWith('{')))
            {
                Assert.Contains(segment.Trim('{', '}'), declared);
            }

            var success = operation.Responses!.Where(response => response.Key.StartsWith('2')).ToList();
            Assert.True(success.Count == 1, $"{method} {path} declares {success.Count} successes");
            var content = success[0].Value.Content;
            Assert.True(content is { Count: > 0 }, $"{method} {path} says nothing of its answer");
            Assert.All(content!, media => Assert.NotNull(media.Value.Schema));
            Assert.All(operation.Responses!.Where(response => response.Key[0] is '4'), problem => Assert.Contains("application/problem+json", problem.Value.Content!.Keys));
        }
    }

    [Fact]
    public async Task Read_answers_are_described_by_schemas_with_govuks_names_and_have_examples()
    {
        var (document, _) = await ReadAsync();

        var entries = document.Paths["/registers/{name}/entries"].Operations![HttpMethod.Get];
        var json = entries.Responses!["200"].Content!["application/json"];
        Assert.NotNull(json.Example);
        Assert.NotNull(entries.Responses["200"].Content!["text/csv"].Example);
        var entry = document.Components!.Schemas!["EntryResource"];
        Assert.Equal(
            ["index-entry-number", "entry-number", "entry-timestamp", "key", "item-hash", "chain-hash", "links"],
            entry.Properties!.Keys);
        Assert.Equal(JsonSchemaType.String, entry.Properties["entry-number"].Type);
        Assert.Contains("page-size", document.Paths["/registers/{name}/records"].Operations![HttpMethod.Get].Description, StringComparison.Ordinal);
        Assert.Equal(JsonSchemaType.Object, document.Components.Schemas["ItemJson"].Type);
    }

    [Theory]
    [InlineData("/registers/{name}/entries", "start,limit")]
    [InlineData("/registers/{name}/records", "page-index,page-size,as-of")]
    [InlineData("/registers/{name}/records/{key}", "as-of")]
    [InlineData("/registers/{name}/records/{field}/{value}", "page-index,page-size,as-of")]
    [InlineData("/registers/{name}/records/{key}/entries", "page-index,page-size,as-of")]
    [InlineData("/registers/{name}/system/records", "page-index,page-size,as-of")]
    public async Task Query_parameters_are_listed_as_the_whole_numbers_they_are(string path, string names)
    {
        var (document, _) = await ReadAsync();

        var parameters = document.Paths[path].Operations![HttpMethod.Get].Parameters!.Where(parameter => parameter.In == ParameterLocation.Query).ToList();
        Assert.Equal(names.Split(','), parameters.Select(parameter => parameter.Name));
        Assert.All(parameters, parameter => Assert.Equal(JsonSchemaType.Integer, parameter.Schema!.Type));
        Assert.All(parameters, parameter => Assert.False(string.IsNullOrEmpty(parameter.Description)));
    }

    [Theory]
    [InlineData("/registers/{name}/records", Paging.DefaultSize)]
    [InlineData("/registers/{name}/records/{field}/{value}", Paging.DefaultSize)]
    [InlineData("/registers/{name}/records/{key}/entries", Paging.MaxSize)] // GOV.UK gave a history whole
    [InlineData("/registers/{name}/system/records/{key}/entries", Paging.MaxSize)]
    public async Task Page_size_declares_the_default_of_its_operation(string path, int size)
    {
        var (document, _) = await ReadAsync();

        var pageSize = document.Paths[path].Operations![HttpMethod.Get].Parameters!.Single(parameter => parameter.Name == "page-size");
        Assert.Equal(size, pageSize.Schema!.Default!.GetValue<int>());
    }

    [Fact]
    public async Task The_writes_say_they_must_be_signed()
    {
        var (document, _) = await ReadAsync();

        var load = document.Paths["/registers/{name}/rsf"].Operations![HttpMethod.Post];
        Assert.Single(load.Security!);
        Assert.Contains("application/uk-gov-rsf", load.RequestBody!.Content!.Keys);
        Assert.Contains(load.Parameters!, parameter => parameter.Name == "lenient");
        Assert.Contains("201", document.Paths["/registers"].Operations![HttpMethod.Post].Responses!.Keys);
        Assert.Equal("Signature", document.Components!.SecuritySchemes!["httpSignature"].Name);
    }

    [Fact]
    public async Task Write_request_bodies_require_only_the_members_the_server_requires()
    {
        var (document, _) = await ReadAsync();
        IOpenApiSchema BodyOf(string path, HttpMethod method) => document.Paths[path].Operations![method].RequestBody!.Content!["application/json"].Schema!;
        var append = BodyOf("/registers/{name}/entries", HttpMethod.Post);

        // A member with a default or that may be null is left out as often as not: a client generated from the document
        // must not be made to send it.
        Assert.Equal(["fields", "name"], RequiredOf(BodyOf("/registers", HttpMethod.Post)));
        Assert.Equal(["entries"], RequiredOf(append));
        Assert.Equal(["key"], RequiredOf(append.Properties!["entries"].Items!));
        Assert.Equal(["key"], RequiredOf(BodyOf("/registers/{name}/custodian-keys", HttpMethod.Put)));
    }

    [Fact]
    public async Task The_write_lookup_takes_the_signers_key_id_and_declares_the_409_of_a_key_several_signers_used()
    {
        var (document, _) = await ReadAsync();

        var lookup = document.Paths["/registers/{name}/writes/{idempotency-key}"].Operations![HttpMethod.Get];
        var keyId = Assert.Single(lookup.Parameters!, parameter => parameter.In == ParameterLocation.Query);
        Assert.Equal("key-id", keyId.Name);
        Assert.False(keyId.Required);
        Assert.Equal(JsonSchemaType.String, keyId.Schema!.Type & JsonSchemaType.String);
        Assert.Contains("signer", keyId.Description, StringComparison.Ordinal);
        Assert.Contains("409", lookup.Responses!.Keys);
    }

    [Fact]
    public async Task HEAD_of_the_document_answers_as_GET_does_without_the_body()
    {
        using var get = await _client.GetAsync("/openapi/v1.json");
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_reference_page_is_served()
    {
        var response = await _client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_document_the_server_does_not_have_is_a_404_problem()
    {
        var response = await _client.GetAsync("/openapi/v2.json");

        var problem = await response.AssertProblemAsync(404, null);
        Assert.Contains("/openapi/v2.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_does_not_echo_the_host_a_request_names()
    {
        var plain = await _client.GetStringAsync("/openapi/v1.json");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "forged.example:8443";
        using var forged = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var text = await forged.Content.ReadAsStringAsync();
        Assert.DoesNotContain("forged.example", text, StringComparison.Ordinal);
        Assert.Equal(plain, text);
    }

    private static IEnumerable<string> RequiredOf(IOpenApiSchema schema) => (schema.Required ?? new HashSet<string>()).Order(StringComparer.Ordinal);

    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadAsync()
    {
        var text = await _client.GetStringAsync("/openapi/v1.json");
        var result = OpenApiDocument.Parse(text, "json");
        return (result.Document!, result.Diagnostic!);
    }
}
