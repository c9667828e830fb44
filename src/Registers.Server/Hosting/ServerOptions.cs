namespace Registers.Server.Hosting;

/// <summary>The <c>Registers</c> configuration section.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Registers";

    /// <summary>The setting <paramref name="name"/> of the section, as an operator writes it (<c>Registers:PublicHost</c>).</summary>
    public static string Setting(string name) => $"{Section}:{name}";

    /// <summary>
    /// Where the server keeps what it makes for itself: the private PostgreSQL cluster, the log
    /// signing key and the admin key. By default <c>.data</c> at the top of the checkout the
    /// server runs from (so the <c>registers</c> command finds the admin key there too), or in the
    /// working directory outside a checkout. Relative paths are taken from the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>
    /// The host name (with port, if not the default) under which this server is published. Checkpoint
    /// origins are <c>&lt;PublicHost&gt;/registers/&lt;name&gt;</c>, so it must not change once registers exist.
    /// </summary>
    public string PublicHost { get; set; } = "localhost:5080";

    /// <summary>
    /// The domain under which each register is also served at the root of its own host name,
    /// <c>&lt;name&gt;.&lt;RegisterDomain&gt;</c>, as GOV.UK served <c>country.register.gov.uk</c>; <see cref="PublicHost"/>
    /// when not set. Behind a proxy the host is read from <c>X-Forwarded-Host</c>.
    /// </summary>
    public string? RegisterDomain { get; set; }

    /// <summary>The log's Ed25519 signer key file; generated on first start when absent.</summary>
    public string? LogKeyFile { get; set; }

    /// <summary>
    /// Start with a log key that did not sign the checkpoints already stored: a deliberate change of key, after which every
    /// client must pin the new one. Without it such a start is refused (see <see cref="Checkpoints.LogKeyContinuity"/>).
    /// </summary>
    public bool AcceptNewLogKey { get; set; }

    /// <summary>The administrator's Ed25519 signer key file; generated on first start when absent.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>The largest JSON write body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most entries one JSON write may carry.</summary>
    public int MaxEntriesPerWrite { get; set; } = 10_000;

    /// <summary>
    /// How far after the server's clock an entry's own timestamp may be, for a writer whose clock runs a little ahead; an
    /// entry dated later is refused (<c>future-timestamp</c>), as its timestamp says when it was made. At most a day.
    /// </summary>
    public TimeSpan FutureTimestampTolerance { get; set; } = Protocol.Entries.FutureTimestampRule.DefaultTolerance;

    /// <summary>The most writes one key may make in a minute.</summary>
    public int WritesPerMinute { get; set; } = 600;

    /// <summary>Memory for Merkle tiles kept between proofs, folded into all their nodes (0 turns the cache off); 128 MiB holds every tile of about 2,000,000 entries.</summary>
    public long TileCacheBytes { get; set; } = 128 * 1024 * 1024;

    /// <summary>
    /// How many items holding a filter's value (<c>/records/{field}/{value}</c>) are looked for before its records: fewer
    /// found, only the records citing them are read, as a value few records hold needs; this many (a common value), the
    /// records are read in key order, which finds a common value's page at once. 0 always reads them in key order.
    /// </summary>
    public int FilterItemsFirst { get; set; } = 5_000;

    /// <summary>
    /// Records read as of a tree size up to this (<c>?as-of=N</c>) are found from the entries up to it, each key's latest,
    /// at a cost that grows with the size asked for; as of a larger size, from today's records in key order, at a cost
    /// that grows with how many of them are newer than it. 0 always reads today's records.
    /// </summary>
    public long AsOfEntriesFirst { get; set; } = 10_000;

    /// <summary>
    /// Whether the server loads the registers in <see cref="SeedDirectory"/> when it starts on a database
    /// that has no registers yet (and at the next start, if that one was stopped before it had loaded them all; never after).
    /// </summary>
    public bool SeedOnFirstStart { get; set; } = true;

    /// <summary>
    /// The registers loaded on first start: one folder per register, <c>&lt;name&gt;/&lt;name&gt;.rsf</c>. By default
    /// <c>registers-data</c> at the top of the checkout the server runs from, or in the working directory outside a checkout.
    /// </summary>
    public string SeedDirectory { get; set; } = InCheckout("registers-data");

    /// <summary>The <c>.data</c> folder at the top of the enclosing checkout, else in the working directory.</summary>
    public static string DefaultDataDirectory() => InCheckout(".data");

    /// <summary><paramref name="name"/> at the top of the checkout enclosing the working directory (the folder with Registers.sln), else in the working directory.</summary>
    private static string InCheckout(string name)
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                return Path.Combine(folder.FullName, name);
            }
        }

        return name;
    }

    /// <summary>How many ZIP archives (<c>/download-register</c>) are written at once; one more is a 503 to retry (each holds up to some 90 MB while written).</summary>
    public int ConcurrentArchives { get; set; } = 2;

    /// <summary>The largest RSF body a load accepts, in bytes.</summary>
    public long MaxRsfBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// How many RSF loads one key may have arriving or loading at once; one more is a 429 before its body is read. Each is
    /// received whole into the data folder first, so this bounds the room one key can take there to this many
    /// <see cref="MaxRsfBytes"/>. The <c>registers</c> command sends one at a time.
    /// </summary>
    public int ConcurrentLoadsPerKey { get; set; } = 2;

    /// <summary>
    /// How many bytes of JSON write bodies one key may have arriving or being written at once: a body counts its
    /// Content-Length from when it starts arriving (one without counts its bytes as they arrive) until its write is
    /// answered. One that would take the key past this is a 429 before its body is read. Each is held whole while its
    /// digest is checked, so this bounds the memory and disk one key can take with slow bodies. At least
    /// <see cref="MaxBodyBytes"/>, so that any body taken at all can be taken; the default is four of the largest, and
    /// dozens of small writes at once are far below it.
    /// </summary>
    public long ConcurrentBodyBytesPerKey { get; set; } = 64 * 1024 * 1024;

    /// <summary>The seed directory as an absolute path.</summary>
    public string SeedPath => Path.GetFullPath(SeedDirectory);

    /// <summary>The data directory as an absolute path.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);

    /// <summary>The log key file as an absolute path.</summary>
    public string LogKeyPath => Path.GetFullPath(LogKeyFile ?? Path.Combine(DataPath, "log-key"));

    /// <summary>The admin key file as an absolute path.</summary>
    public string AdminKeyPath => Path.GetFullPath(AdminKeyFile ?? Path.Combine(DataPath, "admin-key"));
}
