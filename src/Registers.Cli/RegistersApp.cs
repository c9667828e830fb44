using Registers.Cli.Append;
using Registers.Cli.Audit;
using Registers.Cli.Config;
using Registers.Cli.Create;
using Registers.Cli.Import;
using Registers.Cli.Keygen;
using Registers.Cli.Keys;
using Registers.Cli.Load;
using Registers.Cli.Status;
using Registers.Cli.Verify;
using Spectre.Console.Cli;

namespace Registers.Cli;

/// <summary>The <c>registers</c> command line: its commands, help and exit codes (see <see cref="ExitCodes"/>).</summary>
internal static class RegistersApp
{
    private const string CustodianKeyBranch = "custodian-key";
    private const string AuditBranch = "audit";

    /// <summary>The commands that only group others, and cannot be run alone.</summary>
    private static readonly string[] Branches = [CustodianKeyBranch, AuditBranch];

    /// <summary>
    /// Runs the command line <paramref name="args"/>, writing to <paramref name="consoles"/>, in <paramref name="environment"/>
    /// (the process's when null); returns its exit code (see <see cref="ExitCodes"/>).
    /// </summary>
    public static Task<int> RunAsync(CliConsoles consoles, IReadOnlyList<string> args, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        args = StandardInputArgument.Named(args);
        return MissingCommand.In(args, Branches)
            ? MissingCommand.ReportAsync(args, consoles, helpConsoles => Create(helpConsoles, environment))
            : Create(consoles, environment).RunAsync(args, cancellationToken);
    }

    /// <summary>The app, writing to <paramref name="consoles"/> (the real ones, or plain writers in tests), in <paramref name="environment"/> (the process's when null).</summary>
    private static CommandApp Create(CliConsoles consoles, CliEnvironment? environment = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("registers");
            config.ConfigureConsole(consoles.Out);
            config.UseStrictParsing();
            config.Settings.Registrar.RegisterInstance(consoles);
            config.Settings.Registrar.RegisterInstance(environment ?? CliEnvironment.FromSystem());
            config.SetExceptionHandler((exception, _) =>
            {
                if (exception is OperationCanceledException)
                {
                    consoles.WriteDiagnostic("registers: interrupted");
                    return ExitCodes.Interrupted;
                }

                // Spectre's own parse and validation errors, and anything a command did not catch: a usage or I/O failure.
                consoles.WriteDiagnostic($"registers: {exception switch
                {
                    { InnerException: NotAWholeNumberException notANumber } => notANumber.Message,
                    ArgumentException argument => PlainArgumentMessage.Of(argument),
                    _ => exception.Message,
                }}");
                return ExitCodes.UsageOrIoError;
            });

            config.AddCommand<VerifyCommand>("verify")
                .WithDescription("Replays an RSF file offline: checks every line, item hash and root assertion, and prints the "
                    + "user and system entry counts and the root of the user log. " + ExitCodes.Help)
                .WithExample("verify", "country.rsf")
                .WithExample("verify", "--max-problems", "20", "government-domain.rsf");

            config.AddCommand<KeygenCommand>("keygen")
                .WithDescription("Makes an Ed25519 key pair for signing writes: the private key in a new file only you can read "
                    + "(never overwriting one), the public key beside it as FILE.pub, and prints the public verifier key for the "
                    + "administrator to allow. Exit codes: 0 done; 2 bad name or the file exists or cannot be written.")
                .WithExample("keygen", "custodian.example/alice")
                .WithExample("keygen", "custodian.example/alice", "--out", "~/.config/registers/alice.key");

            config.AddCommand<CreateCommand>("create")
                .WithDescription("Creates a register from a definition file (JSON: name, title, custodian, description, "
                    + "registry, phase, fields), signed with the admin key." + " " + ExitCodes.WriteHelp)
                .WithExample("create", "country.json")
                .WithExample("create", "--server", "https://registers.example", "--key", "admin.key", "country.json");

            config.AddCommand<AppendCommand>("append")
                .WithDescription("Appends one entry: a key and its item, as one JSON object or as field=value pairs (a "
                    + "cardinality-n field by repeating it or with ';'). With --definition the item is checked against the "
                    + "register's fields before it is sent." + " " + ExitCodes.WriteHelp)
                .WithExample("append", "-r", "country", "GB", "name=United Kingdom", "official-name=The United Kingdom of Great Britain and Northern Ireland")
                .WithExample("append", "-r", "country", "GB", "{\"country\":\"GB\",\"name\":\"United Kingdom\"}")
                .WithExample("append", "-r", "school", "--definition", "school.json", "100001", "name=Leeds School", "phase=primary");

            config.AddCommand<LoadCommand>("load")
                .WithDescription("Loads an RSF file in signed batches with a progress bar. The file is verified offline "
                    + "first (nothing is sent from a broken file). Resumable: a re-run checks that the register holds the "
                    + "file's first entries and sends only the rest; each batch carries an idempotency key and the size it "
                    + "extends, so no entry is ever appended twice. Stops at the first refusal." + " " + ExitCodes.WriteHelp)
                .WithExample("load", "-r", "school", "school.rsf")
                .WithExample("load", "-r", "country", "--lenient", "--batch-size", "5000", "country.rsf");

            config.AddCommand<ImportCommand>("import")
                .WithDescription("Imports a CSV file (a header row of field names, one row a key) into a register: maps "
                    + "columns to fields, canonicalises and checks every row against the register's fields, lists every bad "
                    + "row by line and field and sends nothing if there is one; otherwise sends the rows in signed, "
                    + "resumable batches, leaving out rows whose key's record already holds them (so an edited file "
                    + "can be imported again)." + " " + ExitCodes.WriteHelp)
                .WithExample("import", "-r", "country", "--definition", "country.json", "countries.csv")
                .WithExample("import", "-r", "country", "--definition", "country.json", "--map", "code=country", "--map", "title=name", "countries.csv");

            config.AddBranch(CustodianKeyBranch, branch =>
            {
                branch.SetDescription("Allows or revokes the custodian keys that may write a register (admin only); each change is a "
                    + "system entry, so it is in the provable log.");
                branch.AddCommand<AllowKeyCommand>("allow")
                    .WithDescription("Allows a custodian's key (as keygen printed it) to write the register. " + ExitCodes.WriteHelp)
                    .WithExample("custodian-key", "allow", "-r", "school", "custodian.example/alice+1a2b3c4d+AR...");
                branch.AddCommand<RevokeKeyCommand>("revoke")
                    .WithDescription("Revokes a custodian's key: from now on the register refuses its writes (403). " + ExitCodes.WriteHelp)
                    .WithExample("custodian-key", "revoke", "-r", "school", "custodian.example/alice+1a2b3c4d")
                    .WithExample("custodian-key", "revoke", "-r", "school", "1a2b3c4d");
            });

            config.AddCommand<VerifyRecordCommand>("verify-record")
                .WithDescription("Looks a record up and proves it: the checkpoint's signature with the pinned log key, each item's "
                    + "hash, the entry's leaf and its inclusion proof. Prints the record and the checkpoint it was verified "
                    + "against, or why it could not be. " + ExitCodes.VerifyHelp)
                .WithExample("verify-record", "-r", "country", "--key-file", "log-key.pub", "GB");

            config.AddBranch(AuditBranch, branch =>
            {
                branch.SetDescription("Audits a register: checks that its log only ever grows, and that its contents are what its checkpoints sign.");
                branch.AddCommand<FollowCommand>("follow")
                    .WithDescription("Polls the register's latest checkpoints, of its entries and of its metadata (the system log), verifies "
                        + "each one's signature and that it extends the last one seen of its log (kept in --state between runs). Stops at the first failure; at an inconsistency, a rollback, a refused "
                        + "consistency proof or a signed false root for the empty tree the evidence (the checkpoints, and the proof or the refusal) is printed and also added to a file in the state folder, after any kept before. " + ExitCodes.VerifyHelp)
                    .WithExample("audit", "follow", "-r", "country", "--key-file", "log-key.pub")
                    .WithExample("audit", "follow", "-r", "country", "--key-file", "log-key.pub", "--once", "--state", "audit-state");
                branch.AddCommand<FullAuditCommand>("full")
                    .WithDescription("Downloads the whole register and recomputes every item hash, entry leaf, the chain hash and "
                        + "the root from scratch, comparing them with the latest signed checkpoint (and the metadata with the system log's "
                        + "checkpoint). " + ExitCodes.VerifyHelp)
                    .WithExample("audit", "full", "-r", "country", "--key-file", "log-key.pub");
            });

            config.AddCommand<MirrorCommand>("mirror")
                .WithDescription("Keeps a local RSF copy of a register up to date: downloads only what the copy lacks, after a "
                    + "consistency proof from the checkpoint the copy was verified against (kept as FILE.checkpoint), and replaces "
                    + "the copy only when it recomputes to the new signed root. The evidence of an inconsistency, a rollback, a refused "
                    + "consistency proof or a signed false root for the empty tree is added to a file in the copy's folder, as audit follow keeps it. " + ExitCodes.VerifyHelp)
                .WithExample("mirror", "-r", "country", "--key-file", "log-key.pub", "country.rsf");

            config.AddCommand<StatusCommand>("status")
                .WithDescription("Shows where a register stands: the size and root of its user and system logs and the latest "
                    + "checkpoint the server signed (shown, not verified)." + " "
                    + "Exit codes: 0 shown; 1 no such register; 2 usage or configuration error; 3 server unreachable, timed out (or answering 408, its own timeout) or failing; 130 interrupted (Ctrl-C).")
                .WithExample("status", "-r", "country")
                .WithExample("status", "--server", "https://registers.example", "-r", "school");
        });

        return app;
    }
}
