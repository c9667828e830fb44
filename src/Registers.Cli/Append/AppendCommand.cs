using System.ComponentModel;
using Registers.Cli.Config;
using Registers.Cli.Schema;
using Registers.Cli.Writes;
using Registers.Client.Writes;
using Registers.Protocol.Entries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Append;

/// <summary>The arguments of <c>registers append</c>.</summary>
internal sealed class AppendSettings : RegisterSettings
{
    [CommandArgument(0, "<KEY>")]
    [Description("The entry's key, e.g. GB.")]
    public string EntryKey { get; set; } = "";

    [CommandArgument(1, "<ITEM>")]
    [Description("The item: one JSON object, or field=value pairs. A cardinality-n field takes several values by repeating it or with ';'.")]
    public string[] Item { get; set; } = [];

    [CommandOption("--timestamp <TIME>")]
    [Description("When the entry was made, e.g. 2016-04-05T13:23:05Z; not in the future. Default: the server's clock.")]
    public string? Timestamp { get; set; }

    [CommandOption("--definition <FILE>")]
    [Description("The register's definition file, to check the item against its fields before sending instead of the fields the server has for the register.")]
    public string? Definition { get; set; }

    [CommandOption("--idempotency-key <KEY>")]
    [Description("Sent as Idempotency-Key, so that running the same command again appends once. Default: a new one each time.")]
    public string? IdempotencyKey { get; set; }

    public override ValidationResult Validate() =>
        Timestamp is not null && !EntryTimestamp.TryParse(Timestamp, out _) ? ValidationResult.Error($"--timestamp '{Timestamp}' is not of the form 2016-04-05T13:23:05Z.")
        : FutureTimestamp() is { } future ? ValidationResult.Error($"--timestamp {future}; nothing was sent.")
        : IdempotencyKey is not null && !WriteOptions.IsIdempotencyKey(IdempotencyKey)
            ? ValidationResult.Error($"--idempotency-key must be 1 to {WriteOptions.MaxIdempotencyKeyLength} printable ASCII characters without spaces or commas.")
        : ValidationResult.Success();

    /// <summary>
    /// Why the timestamp is refused as later than this machine's clock, or null: a mistyped year is caught before anything is
    /// sent. The server judges it again by its own clock and tolerance; this allows the default tolerance only, so against a
    /// server configured to allow more (or whose clock runs ahead of this one) it may refuse a time that server would take.
    /// </summary>
    private string? FutureTimestamp() =>
        Timestamp is not null && EntryTimestamp.TryParse(Timestamp, out var timestamp)
            ? FutureTimestampRule.Refusal(timestamp, EntryTimestamp.From(DateTimeOffset.UtcNow), FutureTimestampRule.DefaultTolerance, "this machine's")
            : null;
}

/// <summary><c>registers append KEY ITEM...</c>: appends one entry, its item checked first against the register's fields (as the server has them, or from a definition file).</summary>
internal sealed class AppendCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<AppendSettings>(consoles, environment)
{
    protected override string Name => "append";

    protected override async Task<int> RunAsync(ServerRun run, AppendSettings settings, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();
        // Without a definition file, the fields the server has: they say which values ';' splits (a cardinality-n field's only).
        var schema = await RegisterSchemas.ForAsync(run.Client, register, settings.Definition is null ? null : Environment.FullPath(settings.Definition), cancellationToken);
        if (schema is null)
        {
            return NoSuchRegister(run, register);
        }

        var (item, problems) = ItemArguments.Make(register, settings.EntryKey, settings.Item, schema);
        if (item is null)
        {
            foreach (var problem in problems)
            {
                run.Consoles.WriteResult($"  {problem}");
            }

            Diagnostic($"nothing sent: the item for '{settings.EntryKey}' has {Counted.Of(problems.Count, "problem")}");
            return ExitCodes.ProblemsFound;
        }

        EntryTimestamp? timestamp = settings.Timestamp is null ? null : EntryTimestamp.Parse(settings.Timestamp);
        var options = new WriteOptions { IdempotencyKey = settings.IdempotencyKey ?? "append-" + Guid.NewGuid().ToString("N") };
        var receipt = await run.Client.AppendAsync(register, [new NewEntry(settings.EntryKey, item, timestamp)], options, cancellationToken);
        run.Consoles.WriteResult($"entry: {receipt.User.LastEntry}");
        run.Consoles.WriteResult($"item: {item.Hash}");
        run.Consoles.WriteResult($"size: {receipt.User.Size}");
        run.Consoles.WriteResult($"root: {receipt.User.Root}");
        return ExitCodes.Ok;
    }
}
