using Npgsql;
using Registers.Protocol.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.Storage;

namespace Registers.Server.Checkpoints;

/// <summary>
/// Refuses to start with a log key other than the one that signed the checkpoints already stored: a key file lost, a
/// data folder restored without its keys, a mistyped LogKeyFile. A new key would go on signing the same logs, and every
/// client and auditor that pinned the old one would refuse them from then on.
/// </summary>
internal sealed partial class LogKeyContinuity(LogSigner signer, NpgsqlDataSource pool, ServerOptions options, ILogger<LogKeyContinuity> logger) : IHostedService
{
    private static readonly string AnyCheckpointSql = $"SELECT note FROM {StorageSchema.Name}.checkpoints LIMIT 1";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = pool.CreateCommand(AnyCheckpointSql);
        if (await command.ExecuteScalarAsync(cancellationToken) is not string note
            || new NoteVerifier(signer.VerifierKey).Verify(note).IsVerified)
        {
            return;
        }

        var signedBy = string.Join(", ", SignedNote.Parse(note).Signatures.Select(signature => $"{signature.KeyName}+{signature.KeyId:x8}"));
        if (options.AcceptNewLogKey)
        {
            LogNewKey(logger, signedBy, signer.VerifierKey.ToString());
            return;
        }

        var made = "";
        if (signer.MadeIn is { } madeIn)
        {
            File.Delete(madeIn); // made at this start for a log that has a key: the next start must not take it for the log's
            made = "; the key made in its place at this start was removed";
        }

        throw new StartupException(
            $"The stored checkpoints are signed by the log key {signedBy}, not by {signer.VerifierKey.Name}+{signer.VerifierKey.KeyId:x8} in " +
            $"{options.LogKeyPath} ({ServerOptions.Setting(nameof(ServerOptions.LogKeyFile))}){made}: put back the key file that signed them, as " +
            $"clients that pinned that key refuse any other (or, to change the log key on purpose, start with {ServerOptions.Setting(nameof(ServerOptions.AcceptNewLogKey))}=true).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored checkpoints are signed by {SignedBy}; checkpoints are now signed by {Verifier}, as AcceptNewLogKey allows: every client must pin the new key")]
    private static partial void LogNewKey(ILogger logger, string signedBy, string verifier);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
