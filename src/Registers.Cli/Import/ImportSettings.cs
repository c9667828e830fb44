using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Import;

/// <summary>The arguments of <c>registers import</c>.</summary>
internal sealed class ImportSettings : Config.RegisterSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The CSV file: a header row, then one row per entry. Its key is the cell of the key field (named like the register).")]
    public string File { get; set; } = "";

    [CommandOption("--definition <FILE>")]
    [Description("Check the rows against the fields of this definition file (as given to create) instead of the fields the server has for the register.")]
    public string? Definition { get; set; }

    [CommandOption("--map <COLUMN=FIELD>")]
    [Description("Takes column COLUMN as field FIELD; repeat for each column named otherwise than its field. Columns not mapped are taken as the field of the same name; a COLUMN the header does not have is a problem, and nothing is sent.")]
    public string[] Map { get; set; } = [];

    /// <summary>Entries per batch unless told otherwise, and the most allowed: the most the server takes in one JSON write by default (more is refused with 413).</summary>
    public const int DefaultBatchSize = 10_000;

    [CommandOption("--batch-size <ENTRIES>")]
    [Description("Entries per batch, 1 to 10,000 (the most a server takes in one write); a batch also ends before its body would pass 8 MiB. Keep it the same when re-running an import.")]
    [DefaultValue(DefaultBatchSize)]
    [TypeConverter(typeof(WholeNumberConverter))]
    public int BatchSize { get; set; } = DefaultBatchSize;

    public override ValidationResult Validate() =>
        BatchSize is < 1 or > DefaultBatchSize ? ValidationResult.Error("--batch-size must be 1 to 10,000: a server takes at most 10,000 entries in one write.")
        : Map.FirstOrDefault(map => map.IndexOf('=', StringComparison.Ordinal) is <= 0 || map.EndsWith('=')) is { } bad
            ? ValidationResult.Error($"--map '{bad}' is not COLUMN=FIELD.")
        : Map.GroupBy(map => map.Split('=', 2)[0], StringComparer.Ordinal).FirstOrDefault(column => column.Count() > 1) is { } twice
            ? ValidationResult.Error($"--map: column '{twice.Key}' is mapped twice.")
        : ValidationResult.Success();

    /// <summary>The column-to-field map.</summary>
    public IReadOnlyDictionary<string, string> Columns() =>
        Map.Select(map => map.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
