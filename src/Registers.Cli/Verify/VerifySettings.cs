using System.ComponentModel;
using Registers.Protocol.Rsf;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Verify;

/// <summary>The arguments of <c>registers verify</c>.</summary>
internal sealed class VerifySettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The RSF file to verify.")]
    public string File { get; set; } = "";

    [CommandOption("--max-problems <N>")]
    [Description("How many errors, and how many warnings, to list; all are counted.")]
    [DefaultValue(100)]
    [TypeConverter(typeof(WholeNumberConverter))]
    public int MaxProblems { get; set; } = 100;

    [CommandOption("--max-line-length <BYTES>")]
    [Description("The longest line accepted; a longer one is reported and skipped unread.")]
    [DefaultValue(RsfReaderOptions.DefaultMaxLineLength)]
    [TypeConverter(typeof(WholeNumberConverter))]
    public int MaxLineLength { get; set; } = RsfReaderOptions.DefaultMaxLineLength;

    public override ValidationResult Validate() =>
        MaxProblems < 0 ? ValidationResult.Error("--max-problems cannot be negative.")
        : MaxLineLength < 1 ? ValidationResult.Error("--max-line-length must be at least 1.")
        : ValidationResult.Success();
}
