using System.Text;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

public sealed class WriteMediaTypeTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("/registers/country/entries", """{"entries":[{"key":"GB","item":{"country":"GB"}}]}""")]
    [InlineData("/registers", """{"name":"territory","fields":[{"field":"territory","datatype":"string","cardinality":"1"}]}""")]
    public async Task A_json_write_sent_as_another_media_type_is_415_saying_which_one_to_send(string path, string body)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();

        // What curl -d sends when no Content-Type is given.
        var response = await server.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await response.AssertProblemAsync(415, null);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var register = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal(0, register.GetProperty("total-entries").GetInt64());
    }

    [Theory]
    [InlineData("application/uk-gov-rsf", true)]
    [InlineData("application/uk-gov-rsf; charset=UTF-8", true)]
    [InlineData("Application/UK-GOV-RSF;charset=utf8", true)]
    [InlineData("application/uk-gov-rsf; charset=\"utf-8\"", true)]
    [InlineData("application/uk-gov-rsf; charset=iso-8859-1", false)]
    [InlineData("application/uk-gov-rsf; charset=utf-16", false)]
    [InlineData("application/uk-gov-rsf-v2", false)]
    [InlineData("text/plain", false)]
    public async Task A_load_is_read_only_as_utf8_rsf(string contentType, bool loads)
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(10);
        using var content = new StringContent(rsf.ToString());
        content.Headers.Remove("Content-Type");
        Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.PostAsync("/registers/pipeline/rsf", content);

        if (loads)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return;
        }

        var problem = await response.AssertProblemAsync(415, null);
        Assert.Contains("application/uk-gov-rsf", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/pipeline/checkpoint")).StatusCode);
    }
}
