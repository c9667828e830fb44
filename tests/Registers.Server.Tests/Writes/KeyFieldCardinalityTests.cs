using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A register's key field holds one value, as creating a register demands: a system entry making it a list (cardinality
/// n) would leave the register unable to take any entry, so it is refused through either door, even as history.
/// </summary>
public sealed class KeyFieldCardinalityTests(PostgresCluster cluster)
{
    private const string ListKeyField = """{"cardinality":"n","datatype":"string","field":"pipeline","text":"The keys."}""";

    [Fact]
    public async Task An_append_making_the_key_field_a_list_is_refused_naming_its_entry_and_the_register_still_takes_entries()
    {
        await using var server = await StartWithRegisterAsync();
        var before = await server.Client.GetStringAsync("/registers/pipeline/checkpoint");

        var response = await server.Client.PostAsJsonAsync("/registers/pipeline/entries", new
        {
            entries = new[] { new { key = "field:pipeline", log = "system", item = JsonDocument.Parse(ListKeyField).RootElement } },
        });

        var error = Assert.Single((await response.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray());
        Assert.Equal((0, "field:pipeline", "key-field-cardinality"),
            (error.GetProperty("entry").GetInt32(), error.GetProperty("key").GetString(), error.GetProperty("rule").GetString()));
        Assert.Equal(before, await server.Client.GetStringAsync("/registers/pipeline/checkpoint"));
        var user = await server.Client.PostAsJsonAsync("/registers/pipeline/entries", new
        {
            entries = new[] { new { key = "p1", item = new { name = "One", pipeline = "p1" } } },
        });
        Assert.True(user.IsSuccessStatusCode, await user.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("field:pipeline", false)]
    [InlineData("field:pipeline", true)]
    [InlineData("field:colour", true)] // history's definition under another field's key still counts, so it is judged too
    public async Task A_load_making_the_key_field_a_list_is_refused_even_as_history(string entryKey, bool lenient)
    {
        await using var server = await StartWithRegisterAsync();
        var more = new RsfText();
        more.Entry("system", entryKey, more.Item(ListKeyField));

        var response = await server.Client.LoadAsync("pipeline", more.ToString(), lenient);

        var errors = (await response.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray();
        Assert.Contains(errors, error => (error.GetProperty("line").GetInt32(), error.GetProperty("key").GetString(), error.GetProperty("rule").GetString())
            == (2, entryKey, "key-field-cardinality"));
    }

    private async Task<RunningServer> StartWithRegisterAsync()
    {
        var rsf = new RsfText();
        rsf.Header();
        var server = await RunningServer.StartAsync(cluster);
        (await server.Client.LoadAsync("pipeline", rsf.ToString())).EnsureSuccessStatusCode();
        return server;
    }
}
