using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Server.Hosting;

namespace Registers.Server.Checkpoints;

/// <summary>
/// The server's log key: it signs a checkpoint for every size a register's logs reach. The key is read
/// from its file, or generated into it (owner-only) on first start.
/// </summary>
public sealed class LogSigner : IDisposable
{
    private readonly SignerKey _key;
    private readonly CheckpointSigner _signer;

    /// <summary>A signer using <paramref name="key"/> for registers published under <paramref name="publicHost"/>.</summary>
    /// <param name="key">The log key.</param>
    /// <param name="publicHost">The host origins start with.</param>
    /// <param name="madeIn">The key file this start made the key in, if it did.</param>
    public LogSigner(SignerKey key, string publicHost, string? madeIn = null)
    {
        _key = key;
        _signer = new CheckpointSigner(key);
        PublicHost = publicHost;
        MadeIn = madeIn;
    }

    /// <summary>The file the key was generated into at this start, or null when it was read.</summary>
    public string? MadeIn { get; }

    /// <summary>The host registers are published under; origins start with it.</summary>
    public string PublicHost { get; }

    /// <summary>The verifier key string to publish: anyone holding it can check our checkpoints.</summary>
    public VerifierKey VerifierKey => _signer.VerifierKey;

    /// <summary>Reads the key file named by <paramref name="options"/>, generating it first if absent.</summary>
    public static LogSigner FromOptions(ServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (key, created) = SignerKeyFile.ReadOrCreate(options.LogKeyPath, ServerOptions.Setting(nameof(ServerOptions.LogKeyFile)), KeyName(options.PublicHost), logger);
        if (created)
        {
            logger.LogInformation("Generated the log signing key {Verifier} in {File}", key.VerifierKey, options.LogKeyPath);
        }

        return new LogSigner(key, options.PublicHost, created ? options.LogKeyPath : null);
    }

    /// <summary>The checkpoint origin of a register's log: <c>&lt;host&gt;/registers/&lt;name&gt;</c>, and <c>/system</c> for its metadata.</summary>
    public string Origin(string register, EntryLog log) =>
        log == EntryLog.User ? $"{PublicHost}/registers/{register}" : $"{PublicHost}/registers/{register}/system";

    /// <summary>Signs the checkpoint of <paramref name="register"/>'s <paramref name="log"/> at <paramref name="size"/>.</summary>
    public string Sign(string register, EntryLog log, long size, Digest root) =>
        _signer.Sign(Origin(register, log), size, root);

    /// <summary>
    /// Signs that a copy of <paramref name="register"/> up to <paramref name="userSize"/> user entries carries
    /// <paramref name="systemSize"/> system entries (see <see cref="MetadataSize"/>). Signed when asked: both never change
    /// once the write that appended entry <paramref name="userSize"/> is committed, so the same statement is signed every time.
    /// </summary>
    public string SignMetadataSize(string register, long userSize, long systemSize) =>
        NoteSigner.Sign(new MetadataSize(Origin(register, EntryLog.User) + MetadataSize.OriginSuffix, userSize, systemSize).ToString(), _key).ToString();

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();

    // A key name is one token with no '+' or spaces; the host (with its port) names the log key.
    private static string KeyName(string publicHost) => publicHost.Replace('+', '-').Replace(' ', '-');
}
