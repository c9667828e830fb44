using Microsoft.OpenApi;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.OpenApi;

/// <summary>The headers the document declares are the ones the server sends and reads: checked by asking it.</summary>
public sealed class DeclaredHeadersTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    /// <summary>
    /// Headers of framing and negotiation, which any answer may carry and no operation declares; and nosniff, which every
    /// answer carries (CommonHeaders) and tells a client nothing about the resource.
    /// </summary>
    private static readonly HashSet<string> Framing = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Type", "Content-Length", "Transfer-Encoding", "Vary", "X-Content-Type-Options",
    };

    private readonly HttpClient _client = sample.Client;

    [Fact]
    public async Task A_read_declares_every_header_its_answer_carries_and_carries_each_it_declares_but_Link()
    {
        await ReadRequests.CommitProbeWriteAsync(_client);
        var reads = ReadRequests.ReadsOf(await ReadRequests.DocumentAsync(_client));

        foreach (var (id, operation) in reads)
        {
            var declared = (operation.Responses!["200"].Headers?.Keys ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var sent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in new[] { ReadRequests.Answered[id], ReadRequests.Paged.GetValueOrDefault(id) }.OfType<string>())
            {
                using var response = await _client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id}: GET {path} is {(int)response.StatusCode}");
                sent.UnionWith(response.Headers.Concat(response.Content.Headers).Select(header => header.Key).Where(name => !Framing.Contains(name)));
            }

            Assert.True(declared.IsSupersetOf(sent), $"{id} sends {string.Join(", ", sent.Except(declared))}, which it does not declare");
            // Link only where there is a page next to this one, or a history to point to.
            Assert.True(sent.IsSupersetOf(declared.Where(name => name != "Link")), $"{id} declares {string.Join(", ", declared.Except(sent))}, which it does not send");
        }

        Assert.Contains("Link", reads["getRecord"].Responses!["200"].Headers!.Keys);
    }

    [Fact]
    public async Task A_write_declares_the_headers_it_reads_the_Location_of_its_201_and_the_Retry_After_of_its_429()
    {
        var document = await ReadRequests.DocumentAsync(_client);
        var writes = document.Paths.Values.SelectMany(path => path.Operations!.Values).Where(operation => operation.Security is { Count: > 0 }).ToList();

        Assert.Equal(5, writes.Count);
        foreach (var write in writes)
        {
            var headers = (write.Parameters ?? []).Where(parameter => parameter.In == ParameterLocation.Header).Select(parameter => parameter.Name).ToList();
            Assert.True(headers is ["Idempotency-Key", "If-Match"], $"{write.OperationId} declares the headers {string.Join(", ", headers)}");
            Assert.True(write.Responses!["429"].Headers?.ContainsKey("Retry-After") == true, $"{write.OperationId}'s 429 declares no Retry-After");
        }

        var create = writes.Single(write => write.OperationId == "createRegister");
        using var created = await _client.PostAsync("/registers", JsonContent.Create(CreateAndAppendTests.DefinitionOf("located")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/registers/located", created.Headers.Location?.OriginalString);
        Assert.Contains("Location", create.Responses!["201"].Headers!.Keys);
    }

    [Fact]
    public async Task A_write_taking_a_body_declares_the_Accept_of_its_415_and_sends_there_the_type_of_its_request_body()
    {
        var document = await ReadRequests.DocumentAsync(_client);
        var writes = document.Paths.SelectMany(path => path.Value.Operations!.Select(operation => (Path: path.Key, Method: operation.Key, Write: operation.Value)))
            .Where(operation => operation.Write.Security is { Count: > 0 } && operation.Write.RequestBody is not null).ToList();

        Assert.Equal(4, writes.Count);
        foreach (var (path, method, write) in writes)
        {
            Assert.True(write.Responses!["415"].Headers?.ContainsKey("Accept") == true, $"{write.OperationId}'s 415 declares no Accept");
            using var request = new HttpRequestMessage(method, path.Replace("{name}", "country", StringComparison.Ordinal)) { Content = new StringContent("not taken") };

            using var response = await _client.SendAsync(request);

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.True(response.Headers.NonValidated.TryGetValues("Accept", out var accept), $"{write.OperationId}'s 415 sends no Accept");
            Assert.Equal(write.RequestBody!.Content!.Keys.ToArray(), accept.ToArray());
        }
    }

    [Theory]
    [InlineData("Idempotency-Key", "a b")]
    [InlineData("If-Match", "\"entries-3\"")]
    public async Task A_malformed_write_header_is_a_400_that_names_it_as_declared(string header, string value)
    {
        var document = await ReadRequests.DocumentAsync(_client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/registers") { Content = JsonContent.Create(CreateAndAppendTests.DefinitionOf("malformed")) };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(400, header);
        Assert.Contains(document.Paths["/registers"].Operations![HttpMethod.Post].Parameters ?? [], parameter => parameter.In == ParameterLocation.Header && parameter.Name == header);
    }
}
