using Npgsql;
using Registers.Protocol.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.Storage;

namespace Registers.Server.Checkpoints;

/// <summary>
/// Refuses to start with a log key other than the log's: a key file lost, a data folder restored without its keys, a
/// mistyped LogKeyFile. A new key would go on signing the same logs, and every client and auditor that pinned the old one
/// would refuse them from then on. The log's key is the one of record (log_key), else the one a stored checkpoint names;
/// a change made on purpose (AcceptNewLogKey) becomes the key of record.
/// </summary>
internal sealed partial class LogKeyContinuity(LogSigner signer, NpgsqlDataSource pool, ServerOptions options, ILogger<LogKeyContinuity> logger) : IHostedService
{
    private static readonly string KeyOfRecordSql = $"SELECT verifier FROM {StorageSchema.Name}.log_key LIMIT 1";
    private static readonly string AnyCheckpointSql = $"SELECT note FROM {StorageSchema.Name}.checkpoints LIMIT 1";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var current = signer.VerifierKey;
        string signedBy;
        if (await ScalarAsync(KeyOfRecordSql, cancellationToken) is string recorded)
        {
            if (recorded == current.ToString())
            {
                return;
            }

            signedBy = VerifierKey.TryParse(recorded, out var key) ? $"{key.Name}+{key.KeyId:x8}" : recorded;
        }
        else
        {
            // A new database, or one from before the key was recorded, when one key signed every checkpoint.
            if (await ScalarAsync(AnyCheckpointSql, cancellationToken) is not string note || new NoteVerifier(current).Verify(note).IsVerified)
            {
                await RecordAsync(cancellationToken);
                return;
            }

            signedBy = string.Join(", ", SignedNote.Parse(note).Signatures.Select(signature => $"{signature.KeyName}+{signature.KeyId:x8}"));
        }

        if (options.AcceptNewLogKey)
        {
            LogNewKey(logger, signedBy, current.ToString());
            await RecordAsync(cancellationToken);
            return;
        }

        var made = "";
        if (signer.MadeIn is { } madeIn)
        {
            File.Delete(madeIn); // made at this start for a log that has a key: the next start must not take it for the log's
            made = "; the key made in its place at this start was removed";
        }

        throw new StartupException(
            $"The stored checkpoints are signed by the log key {signedBy}, not by {current.Name}+{current.KeyId:x8} in " +
            $"{options.LogKeyPath} ({ServerOptions.Setting(nameof(ServerOptions.LogKeyFile))}){made}: put back the key file that signed them, as " +
            $"clients that pinned that key refuse any other (or, to change the log key on purpose, start with {ServerOptions.Setting(nameof(ServerOptions.AcceptNewLogKey))}=true).");
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellation)
    {
        await using var command = pool.CreateCommand(sql);
        return await command.ExecuteScalarAsync(cancellation);
    }

    // The key of record, replaced in one transaction: the next start compares against it, not against old checkpoints,
    // which keep the signatures of every key the log had.
    private async Task RecordAsync(CancellationToken cancellation)
    {
        await using var batch = pool.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {StorageSchema.Name}.log_key"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {StorageSchema.Name}.log_key (verifier) VALUES ($1)")
        {
            Parameters = { new NpgsqlParameter { Value = signer.VerifierKey.ToString() } },
        });
        await batch.ExecuteNonQueryAsync(cancellation);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored checkpoints are signed by {SignedBy}; checkpoints are now signed by {Verifier}, as AcceptNewLogKey allows: every client must pin the new key")]
    private static partial void LogNewKey(ILogger logger, string signedBy, string verifier);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
