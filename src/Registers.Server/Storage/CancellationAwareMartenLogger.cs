using Marten;
using Marten.Services;
using Npgsql;

namespace Registers.Server.Storage;

/// <summary>
/// Logs what Marten reports as Marten's own logger does (failures as errors, schema changes), except that a statement
/// cancelled on purpose is not logged: a load whose client went away (Ctrl-C on <c>registers load</c>) is cancelled,
/// which is the client's choice and no fault of the server's.
/// </summary>
internal sealed class CancellationAwareMartenLogger(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Executed schema update SQL:\n{Sql}", sql);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Failed(ex, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(command => command.CommandText)));

    public void LogFailure(Exception ex, string message) => Failed(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private void Failed(Exception failure, string statements)
    {
        if (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Marten encountered an exception executing\n{Statements}", statements);
        }
    }
}
