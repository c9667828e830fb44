using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Load;

/// <summary>The arguments of <c>registers load</c>.</summary>
internal sealed class LoadSettings : Config.RegisterSettings
{
    /// <summary>Entries per batch unless told otherwise.</summary>
    public const int DefaultBatchSize = 100_000;

    [CommandArgument(0, "<FILE>")]
    [Description("The RSF file to load.")]
    public string File { get; set; } = "";

    [CommandOption("--batch-size <ENTRIES>")]
    [Description("Entries per batch (each batch is one signed request, applied all or nothing); a batch also ends before it would pass 64 MiB, and otherwise never inside a run of system entries. A re-run may use another size: it resumes from where the log stands.")]
    [DefaultValue(DefaultBatchSize)]
    [TypeConverter(typeof(WholeNumberConverter))]
    public int BatchSize { get; set; } = DefaultBatchSize;

    [CommandOption("--lenient")]
    [Description("Load history that breaks the register's rules (values, repeats), as GOV.UK's archives do; the server reports it as warnings. Admin key only.")]
    public bool Lenient { get; set; }

    public override ValidationResult Validate() =>
        BatchSize is < 1 or > 1_000_000 ? ValidationResult.Error("--batch-size must be 1 to 1,000,000.") : ValidationResult.Success();
}
