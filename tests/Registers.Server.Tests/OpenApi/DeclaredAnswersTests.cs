using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.OpenApi;

/// <summary>The statuses and parameters the document declares are the ones the server answers and parses: checked by asking it.</summary>
public sealed class DeclaredAnswersTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Fact]
    public async Task A_read_declares_304_and_If_None_Match_exactly_when_it_sends_an_ETag_and_answers_a_matching_one_with_304()
    {
        await ReadRequests.CommitProbeWriteAsync(_client);
        var reads = await ReadsAsync();
        Assert.Empty(reads.Keys.Except(ReadRequests.Answered.Keys));

        foreach (var (id, operation) in reads)
        {
            var path = ReadRequests.Answered[id];
            using var response = await _client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id}: GET {path} is {(int)response.StatusCode}");
            var declares304 = operation.Responses!.ContainsKey("304");
            var declaresHeader = (operation.Parameters ?? []).Any(parameter => parameter.In == ParameterLocation.Header && parameter.Name == "If-None-Match");
            if (response.Headers.ETag is not { } etag)
            {
                Assert.False(declares304 || declaresHeader, $"{id} sends no ETag but declares 304 or If-None-Match");
                continue;
            }

            Assert.True(declares304 && declaresHeader, $"{id} sends an ETag but does not declare 304 and If-None-Match");
            using var conditional = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { etag } } };
            using var again = await _client.SendAsync(conditional);
            Assert.True(again.StatusCode == HttpStatusCode.NotModified, $"{id}: If-None-Match {etag} is {(int)again.StatusCode}");
        }
    }

    [Fact]
    public async Task A_read_declares_400_and_a_malformed_parameter_gets_one_that_names_it_as_declared()
    {
        var reads = await ReadsAsync();

        foreach (var (id, path) in ReadRequests.Malformed)
        {
            Assert.True(reads[id].Responses!.ContainsKey("400"), $"{id} parses a parameter but does not declare 400");
            using var response = await _client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{id}: GET {path} is {(int)response.StatusCode}, not 400");
            var named = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parameter").GetString();
            var declared = (reads[id].Parameters ?? []).Select(parameter => parameter.Name).ToList();
            Assert.True(declared.Contains(named), $"{id}: GET {path} names '{named}', which is not one of {string.Join(", ", declared)}");
        }
    }

    [Fact]
    public async Task Every_read_declares_400_and_gets_one_naming_a_query_parameter_another_read_takes_and_it_does_not()
    {
        var operations = await ReadsAsync();
        var reads = operations.Where(read => read.Key != ReadRequests.WriteLookup).ToDictionary();
        var readQueries = reads.Values.SelectMany(QueryParameters).ToHashSet();

        Assert.Equal(["as-of", "limit", "page-index", "page-size", "start"], readQueries.Order());
        Assert.False(operations[ReadRequests.WriteLookup].Responses!.ContainsKey("400"));
        foreach (var (id, operation) in reads)
        {
            Assert.True(operation.Responses!.ContainsKey("400"), $"{id} does not declare 400");
            var untaken = readQueries.Except(QueryParameters(operation)).Order().First();
            var path = ReadRequests.Answered[id] + "?" + untaken + "=1";
            using var response = await _client.GetAsync(path);
            await response.AssertProblemAsync(400, untaken);
        }
    }

    private static IEnumerable<string> QueryParameters(OpenApiOperation operation) =>
        (operation.Parameters ?? []).Where(parameter => parameter.In == ParameterLocation.Query).Select(parameter => parameter.Name!);

    /// <summary>The most each paging parameter may be, as the server checks it.</summary>
    private static readonly Dictionary<string, long> PagingMaximums = new()
    {
        ["start"] = Paging.MaxStart,
        ["limit"] = Paging.MaxSize,
        ["page-index"] = Paging.MaxPageIndex,
        ["page-size"] = Paging.MaxSize,
    };

    [Fact]
    public async Task A_paging_parameter_declares_the_maximum_the_server_enforces_and_one_past_it_is_a_400_that_names_it()
    {
        var reads = await ReadsAsync();

        var declared = reads.SelectMany(read => (read.Value.Parameters ?? [])
            .Where(parameter => parameter.In == ParameterLocation.Query && PagingMaximums.ContainsKey(parameter.Name!))
            .Select(parameter => (Id: read.Key, parameter.Name, parameter.Schema!.Maximum))).ToList();
        Assert.Equal(PagingMaximums.Keys.Order(), declared.Select(parameter => parameter.Name!).Distinct().Order());
        foreach (var (id, name, maximum) in declared)
        {
            var enforced = PagingMaximums[name!].ToString(CultureInfo.InvariantCulture);
            Assert.True(maximum == enforced, $"{id} declares {name} at most {maximum ?? "(no maximum)"}, not {enforced}");

            var path = ReadRequests.Answered[id];
            using var atMaximum = await _client.GetAsync($"{path}?{name}={enforced}");
            Assert.True(atMaximum.StatusCode != HttpStatusCode.BadRequest, $"{id}: {name}={enforced} is 400");
            using var pastMaximum = await _client.GetAsync($"{path}?{name}={PagingMaximums[name!] + 1}");
            await pastMaximum.AssertProblemAsync(400, name);
        }
    }

    /// <summary>How the server parses each path parameter: text, or a whole number (a long) from a least value.</summary>
    private static readonly Dictionary<string, (JsonSchemaType Type, string? Minimum)> PathParameters = new()
    {
        ["name"] = (JsonSchemaType.String, null),
        ["key"] = (JsonSchemaType.String, null),
        ["field"] = (JsonSchemaType.String, null),
        ["value"] = (JsonSchemaType.String, null),
        ["item-hash"] = (JsonSchemaType.String, null),
        ["proof-identifier"] = (JsonSchemaType.String, null),
        ["path"] = (JsonSchemaType.String, null), // a tile path: several segments, and a partial tile's ".p/W"
        ["keyid"] = (JsonSchemaType.String, null),
        ["idempotency-key"] = (JsonSchemaType.String, null),
        ["entry-number"] = (JsonSchemaType.Integer, "1"),
        ["total-entries"] = (JsonSchemaType.Integer, "1"),
        ["small-log-size"] = (JsonSchemaType.Integer, "1"),
        ["large-log-size"] = (JsonSchemaType.Integer, "1"),
        ["size"] = (JsonSchemaType.Integer, "0"),
        ["user-size"] = (JsonSchemaType.Integer, "0"),
        ["total-entries-1"] = (JsonSchemaType.Integer, "0"),
        ["total-entries-2"] = (JsonSchemaType.Integer, "0"),
    };

    [Fact]
    public async Task Path_parameters_are_typed_as_the_server_parses_them_and_described()
    {
        var (document, _) = await ReadAsync();

        foreach (var (path, item) in document.Paths)
        {
            foreach (var parameter in item.Operations!.Values.SelectMany(operation => operation.Parameters ?? []).Where(parameter => parameter.In == ParameterLocation.Path))
            {
                Assert.True(PathParameters.TryGetValue(parameter.Name!, out var expected), $"{{{parameter.Name}}} of {path} is not known here");
                Assert.True(expected.Type == parameter.Schema!.Type, $"{{{parameter.Name}}} of {path} is {parameter.Schema.Type}, not {expected.Type}");
                Assert.Equal(expected.Type == JsonSchemaType.Integer ? "int64" : null, parameter.Schema.Format);
                Assert.Equal(expected.Minimum, parameter.Schema.Minimum);
                Assert.False(string.IsNullOrEmpty(parameter.Description), $"{{{parameter.Name}}} of {path} has no description");
            }
        }
    }

    [Fact]
    public async Task Every_read_answers_a_suffix_naming_a_format_it_does_not_have_with_the_406_it_declares()
    {
        await ReadRequests.CommitProbeWriteAsync(_client);
        var reads = await ReadsAsync();

        foreach (var (id, path) in ReadRequests.Answered.Where(read => read.Key != "home"))
        {
            var suffixed = path + ".ttl"; // a format GOV.UK named and no read here has
            using var response = await _client.GetAsync(suffixed);
            Assert.True(response.StatusCode == HttpStatusCode.NotAcceptable, $"{id}: GET {suffixed} is {(int)response.StatusCode}, not 406");
            Assert.True(reads[id].Responses!.ContainsKey("406"), $"{id} answers 406 but does not declare it");
        }
    }

    [Fact]
    public async Task Home_declares_the_redirect_a_browser_gets()
    {
        var (document, _) = await ReadAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sample.Server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Accept = { MediaTypeWithQualityHeaderValue.Parse("text/html") } } };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location?.OriginalString);
        Assert.Contains("302", document.Paths["/"].Operations![HttpMethod.Get].Responses!.Keys);
    }

    [Theory]
    [InlineData("createRegister", "400,401,403,409,412,413,414,415,422,429,431")]
    [InlineData("appendEntries", "400,401,403,404,412,413,414,415,422,429,431")]
    [InlineData("loadRsf", "400,401,403,404,409,412,413,414,415,422,429,431")]
    [InlineData("addCustodianKey", "400,401,403,404,409,412,413,414,415,422,429,431")]
    [InlineData("revokeCustodianKey", "400,401,403,404,409,412,414,422,429,431")]
    public async Task A_write_declares_every_problem_it_can_answer(string operationId, string statuses)
    {
        var (document, _) = await ReadAsync();

        var write = document.Paths.Values.SelectMany(path => path.Operations!.Values).Single(operation => operation.OperationId == operationId);
        Assert.Equal(statuses.Split(','), write.Responses!.Keys.Where(status => status[0] == '4'));
    }

    [Fact]
    public async Task Every_operation_on_registers_declares_the_503_of_a_database_outage()
    {
        var (document, _) = await ReadAsync();

        var operations = document.Paths.Where(path => path.Key == "/" || path.Key.StartsWith("/registers", StringComparison.Ordinal))
            .SelectMany(path => path.Value.Operations!.Values).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, operation => Assert.True(operation.Responses!.ContainsKey("503"), $"{operation.OperationId} does not declare 503"));
    }

    [Fact]
    public async Task Every_operation_declares_the_414_and_431_problems_of_a_request_head_past_the_limits_it_names()
    {
        var (document, _) = await ReadAsync();

        var operations = document.Paths.SelectMany(path => path.Value.Operations!.Select(operation => (Name: $"{operation.Key} {path.Key}", Operation: operation.Value))).ToList();
        Assert.NotEmpty(operations);
        foreach (var (name, operation) in operations)
        {
            foreach (var (status, limits) in new[] { ("414", new[] { "8,192 bytes" }), ("431", ["32,768 bytes", "100 header fields"]) })
            {
                Assert.True(operation.Responses!.TryGetValue(status, out var answer), $"{name} does not declare {status}");
                Assert.Contains("application/problem+json", answer.Content!.Keys);
                Assert.All(limits, limit => Assert.Contains(limit, answer.Description, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Each GET operation of the document, by operation id.</summary>
    private async Task<Dictionary<string, OpenApiOperation>> ReadsAsync() => ReadRequests.ReadsOf(await ReadRequests.DocumentAsync(_client));

    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadAsync()
    {
        var result = OpenApiDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"), "json");
        return (result.Document!, result.Diagnostic!);
    }
}
