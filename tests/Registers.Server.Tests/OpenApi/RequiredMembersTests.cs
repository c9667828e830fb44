using System.Text.Json;
using Microsoft.OpenApi;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.OpenApi;

/// <summary>
/// The server leaves out a member that is null (its JSON options write no nulls), so a schema may require only the
/// members that are never null: a client generated from the document would refuse answers without them.
/// </summary>
public sealed class RequiredMembersTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Fact]
    public async Task No_schema_requires_a_member_that_may_be_null()
    {
        var document = await ReadAsync();
        var bodies = document.Paths.Values.SelectMany(path => path.Operations!.Values)
            .SelectMany(operation => (operation.Responses?.Values.SelectMany(response => response.Content?.Values ?? []) ?? [])
                .Concat(operation.RequestBody?.Content?.Values ?? []))
            .Select(media => media.Schema!);

        var required = document.Components!.Schemas!.Values.Concat(bodies).SelectMany(Inline).Distinct()
            .SelectMany(schema => (schema.Required ?? new HashSet<string>()).Select(name => (Schema: schema, Name: name)))
            .ToList();

        Assert.NotEmpty(required);
        Assert.All(required, member => Assert.False(IsNullable(member.Schema.Properties![member.Name]), $"{member.Name} is required and may be null"));
    }

    [Fact]
    public async Task Answers_that_leave_members_out_have_every_member_their_schema_requires()
    {
        var document = await ReadAsync();
        IOpenApiSchema SchemaOf(string path, HttpMethod method, string status) =>
            document.Paths[path].Operations![method].Responses![status].Content!["application/json"].Schema!;

        // A new register without a custodian: its user log is untouched by the write, and it has no entries to date it.
        var definition = JsonSerializer.SerializeToNode(CreateAndAppendTests.DefinitionOf("absent"))!.AsObject();
        definition.Remove("custodian");
        using var created = await _client.PostAsync("/registers", JsonContent.Create(definition));
        AssertHasRequired(SchemaOf("/registers", HttpMethod.Post, "201"), await created.Content.ReadFromJsonAsync<JsonElement>(), "createRegister");
        var register = await _client.GetFromJsonAsync<JsonElement>("/registers/absent/register");
        AssertHasRequired(SchemaOf("/registers/{name}/register", HttpMethod.Get, "200"), register, "getRegister");

        // A lenient load's warning is of an RSF line, not of an entry number.
        var rsf = new RsfBuilder().User("x", "2024-01-01T00:00:00Z", """{"absent":"x","start-date":"not a date"}""").ToString();
        using var loaded = await _client.LoadAsync("absent", rsf, lenient: true);
        var receipt = await loaded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(0, receipt.GetProperty("warnings").GetArrayLength());
        AssertHasRequired(SchemaOf("/registers/{name}/rsf", HttpMethod.Post, "200"), receipt, "loadRsf");
    }

    /// <summary>Asserts that <paramref name="answer"/>, and each object in it, has every member its schema requires.</summary>
    private static void AssertHasRequired(IOpenApiSchema schema, JsonElement answer, string where)
    {
        schema = schema.OneOf?.FirstOrDefault(choice => choice.Type != JsonSchemaType.Null) ?? schema;
        if (answer.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            foreach (var element in answer.EnumerateArray())
            {
                AssertHasRequired(items, element, where + "[]");
            }
        }

        if (answer.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            Assert.True(answer.TryGetProperty(name, out _), $"{where} requires {name}, which {answer} leaves out");
        }

        foreach (var member in answer.EnumerateObject())
        {
            if (schema.Properties?.TryGetValue(member.Name, out var property) == true)
            {
                AssertHasRequired(property, member.Value, where + "." + member.Name);
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        schema.Type?.HasFlag(JsonSchemaType.Null) == true || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(choice => choice.Type == JsonSchemaType.Null);

    /// <summary>The schema and those written inside it (a reference is followed where it is a component, not here).</summary>
    private static IEnumerable<IOpenApiSchema> Inline(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference)
        {
            yield break;
        }

        yield return schema;
        var inner = (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties).OfType<IOpenApiSchema>();
        foreach (var found in inner.SelectMany(Inline))
        {
            yield return found;
        }
    }

    private async Task<OpenApiDocument> ReadAsync() => OpenApiDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"), "json").Document!;
}
