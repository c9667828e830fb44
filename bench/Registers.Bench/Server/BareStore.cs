using JasperFx;
using JasperFx.Events;
using Marten;
using Registers.Server.Storage;
using Weasel.Core;

namespace Registers.Bench.Server;

/// <summary>
/// A bare Marten store for the baselines: the server's event stream settings (string stream keys, quick append) and
/// JSON settings, in a schema of its own, with no projection, no snapshot and no Wolverine.
/// </summary>
internal static class BareStore
{
    private const string Schema = "bare";

    public static async Task<DocumentStore> CreateAsync(string connectionString)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = Schema;
            options.Events.DatabaseSchemaName = Schema;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = EventAppendMode.Quick;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, ProtocolJsonConverters.AddTo);
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }
}
