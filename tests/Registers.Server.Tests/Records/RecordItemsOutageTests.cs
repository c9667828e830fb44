using Npgsql;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

/// <summary>
/// The database failing when a page's items are read, after the page itself was: the answer has not started, so it is
/// the 503 problem, and nothing of the page (such as a CSV header) is sent before it.
/// </summary>
public sealed class RecordItemsOutageTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("/registers/notes/records")]
    [InlineData("/registers/notes/records.csv")]
    [InlineData("/registers/notes/download-csv")]
    public async Task Items_that_cannot_be_read_are_a_clean_503(string path)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await NotesRegister.CreateAsync(server, records: 3, length: 6);
        await BreakItemReadsAsync(server.ConnectionString);

        var response = await server.Client.GetAsync(path);

        var problem = await response.AssertProblemAsync(503, parameter: null);
        Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
    }

    /// <summary>
    /// Puts a view in the items table's place that ends its own connection when a page's items are read (the statement
    /// that reads them in page order, <c>SELECT n, content ...</c>), as a database going down at that moment would.
    /// </summary>
    private static async Task BreakItemReadsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            ALTER TABLE registers.items RENAME TO items_kept;
            CREATE FUNCTION registers.end_item_reads() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $f$
            BEGIN
              IF current_query() LIKE 'SELECT n, content %' THEN
                PERFORM pg_terminate_backend(pg_backend_pid());
                PERFORM pg_sleep(1);
              END IF;
              RETURN true;
            END $f$;
            CREATE VIEW registers.items AS SELECT * FROM registers.items_kept WHERE registers.end_item_reads();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
