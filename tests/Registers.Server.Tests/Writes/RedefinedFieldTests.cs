using System.Net.Http.Json;
using Npgsql;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// History loaded leniently may define one field twice, under two keys. The definition written later is in force, as
/// it is while the load is decided, however PostgreSQL happens to return the stored definitions.
/// </summary>
public sealed class RedefinedFieldTests(PostgresCluster cluster)
{
    [Fact]
    public async Task The_later_of_two_stored_definitions_of_a_field_is_in_force()
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(20);
        rsf.Entry("system", "field:aname", rsf.Item("""{"cardinality":"1","datatype":"integer","field":"name","text":"A number."}"""));
        // Stored rows in the order of their keys, not of their entries: field:aname before field:name.
        var database = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync()) { Options = "-c enable_seqscan=off" };
        await using var server = await RunningServer.StartAsync(null, database: database.ConnectionString);
        var load = await server.Client.LoadAsync("pipeline", rsf.ToString(), lenient: true);
        Assert.True(load.IsSuccessStatusCode, await load.Content.ReadAsStringAsync());

        var word = await server.Client.PostAsJsonAsync("/registers/pipeline/entries", new { entries = new[] { new { key = "p1", item = new { name = "Pipe", pipeline = "p1" } } } });
        var number = await server.Client.PostAsJsonAsync("/registers/pipeline/entries", new { entries = new[] { new { key = "p2", item = new { name = "5", pipeline = "p2" } } } });

        var refused = Assert.Single((await word.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray());
        Assert.Equal("name", refused.GetProperty("field").GetString());
        Assert.True(number.IsSuccessStatusCode, await number.Content.ReadAsStringAsync());
    }
}
