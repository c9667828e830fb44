using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// Writes waiting for one register are decided one after another and committed together: a write is decided by the
/// field definitions the writes before it in the group left, not by those stored before the group.
/// </summary>
public sealed class GroupFieldChangeTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Fact]
    public async Task A_write_is_decided_by_a_field_an_earlier_write_of_its_group_changed()
    {
        var services = Server.Services;
        await using var transaction = await LogTransaction.OpenAsync(
            services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<NpgsqlDataSource>(), "country",
            Server.AdminKey.VerifierKey, CancellationToken.None);
        var listed = Item.Create(Encoding.UTF8.GetBytes("""{"cardinality":"n","datatype":"string","field":"name","text":"The common names"}"""));
        var names = Item.Create(Encoding.UTF8.GetBytes("""{"country":"GB","name":["Britain","United Kingdom"]}"""));
        var redefine = new WriteRequest([new ProposedEntry(EntryLog.System, "field:name", null, [listed.Hash])], [listed], ByAdmin: true);
        var append = new WriteRequest([new ProposedEntry(EntryLog.User, "GB", null, [names.Hash])], [names]);

        var decisions = await transaction!.AppendAsync([redefine, append], WriteClock.Read(TimeProvider.System, services.GetRequiredService<ServerOptions>()), CancellationToken.None);

        Assert.All(decisions, decision => Assert.IsType<WriteDecision.Accepted>(decision));
    }
}
