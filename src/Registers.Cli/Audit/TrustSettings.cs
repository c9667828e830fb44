using System.ComponentModel;
using Registers.Cli.Config;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Audit;

/// <summary>The options of commands that check what the server says against its pinned log key.</summary>
internal class TrustSettings : RegisterSettings
{
    [CommandOption("--key-file <FILE>")]
    [Description("The server's log key, pinned: a file holding its verifier key string (as the server publishes at /.well-known/registers/log-key). Every checkpoint must be signed by it. Required.")]
    public string? LogKeyFile { get; set; }
}

/// <summary>The options of <c>audit follow</c>.</summary>
internal sealed class FollowSettings : TrustSettings
{
    [CommandOption("--state <FOLDER>")]
    [Description("Where the last verified checkpoint of each register is kept between runs (and the evidence of an inconsistency, a rollback, a refused proof or a signed false root for the empty tree). Default ~/.config/registers/audit.")]
    public string? State { get; set; }

    [CommandOption("--once")]
    [Description("Check once and exit, instead of polling until stopped.")]
    public bool Once { get; set; }

    [CommandOption("--interval <SECONDS>")]
    [Description("Seconds between polls. Default 60.")]
    [DefaultValue(60)]
    [TypeConverter(typeof(WholeNumberConverter))]
    public int Interval { get; set; } = 60;
}

/// <summary>The options of <c>verify-record</c>.</summary>
internal sealed class VerifyRecordSettings : TrustSettings
{
    [CommandArgument(0, "<KEY>")]
    [Description("The record's key.")]
    public string RecordKey { get; set; } = "";

    [CommandOption("--state <FOLDER>")]
    [Description("Keep the last verified checkpoint of each register here (as audit follow does, and may share it): the checkpoint of each lookup must then extend the one before, so an old or forked tree is refused. Without it each run trusts any checkpoint the log key signed.")]
    public string? State { get; set; }

    public override ValidationResult Validate() =>
        RecordKey.Length == 0 ? ValidationResult.Error("<KEY> must not be empty: a record's key has at least one character.") : ValidationResult.Success();
}

/// <summary>The options of <c>mirror</c>.</summary>
internal sealed class MirrorSettings : TrustSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The local RSF copy; its verified checkpoint is kept beside it as FILE.checkpoint.")]
    public string File { get; set; } = "";
}
