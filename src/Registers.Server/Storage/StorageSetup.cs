using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Registers.Server.Registers;
using Weasel.Core;

namespace Registers.Server.Storage;

/// <summary>Wires Marten: register streams keyed by name, the head snapshot and the table projection, all inline.</summary>
internal static class StorageSetup
{
    public static IServiceCollection AddRegisterStorage(this IServiceCollection services, string connectionString)
    {
        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = StorageSchema.Name;
                options.Events.DatabaseSchemaName = StorageSchema.Name;
                options.Events.StreamIdentity = StreamIdentity.AsString;

                // Appends hold the register's row lock (FetchForExclusiveWriting), so Marten's own
                // version check is redundant; quick append skips its extra round trip.
                options.Events.AppendMode = EventAppendMode.Quick;

                // RSF downloads place each metadata entry by the write that made it: they find a batch's event by its id.
                options.Events.EnableUniqueIndexOnEventId = true;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, ProtocolJsonConverters.AddTo);
                options.Projections.Snapshot<RegisterHead>(SnapshotLifecycle.Inline);
                options.Projections.Add(new LogProjection(), ProjectionLifecycle.Inline);
                options.Storage.ExtendedSchemaObjects.AddRange(StorageSchema.All());
                // SchemaSetup applies every change at start-up, once per build; nothing is checked again on first use.
                options.AutoCreateSchemaObjects = AutoCreate.None;
            })
            .UseLightweightSessions();
        services.ConfigureMarten((provider, options) => options.Logger(new CancellationAwareMartenLogger(provider.GetRequiredService<ILogger<IDocumentStore>>())));
        services.AddHostedService<SchemaSetup>();
        return services;
    }
}
