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
internal sealed class LogKeyContinuity(LogSigner signer, NpgsqlDataSource pool, ServerOptions options) : IHostedService
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
        var made = "";
        if (signer.MadeIn is { } madeIn)
        {
            File.Delete(madeIn); // made at this start for a log that has a key: the next start must not take it for the log's
            made = "; the key made in its place at this start was removed";
        }

        throw new StartupException(
            $"The stored checkpoints are signed by the log key {signedBy}, not by {signer.VerifierKey.Name}+{signer.VerifierKey.KeyId:x8} in " +
            $"{options.LogKeyPath} ({ServerOptions.Setting(nameof(ServerOptions.LogKeyFile))}){made}: put back the key file that signed them, as " +
            "clients that pinned that key refuse any other.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
