using Registers.Cli.Config;
using Registers.Cli.Verify;
using Registers.Cli.Writes;
using Registers.Client.Problems;
using Registers.Client.Writes;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Load;

/// <summary>
/// <c>registers load FILE.rsf</c>: checks the file offline, finds where the register stands, checks that it holds exactly
/// the file's first entries, checks the items of the rest against the register's fields, and sends them in signed,
/// self-contained batches. Each batch carries an idempotency key made from the file and the batch, and
/// <c>If-Match: "size-N"</c> for the size it extends, so a re-run after any failure goes on where the log stands and never
/// appends an entry twice. The first refusal stops the load.
/// </summary>
internal sealed class LoadCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<LoadSettings>(consoles, environment)
{
    protected override string Name => "load";

    protected override async Task<int> RunAsync(ServerRun run, LoadSettings settings, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();
        var path = Environment.FullPath(settings.File);
        if (Verify(path, cancellationToken) is not { } verified)
        {
            return ExitCodes.ProblemsFound;
        }

        var fileDigest = await BatchKeys.FileDigestAsync(path, cancellationToken);
        var status = await run.Client.GetStatusAsync(register, cancellationToken);
        if (status is null && verified.UserEntries + verified.SystemEntries == 0)
        {
            // A register is created by its first batch: from a file without entries there is none, and "done" would say otherwise.
            Diagnostic($"nothing sent, nothing created: there is no register '{register}' at {run.Config.Server}, and {path} holds no entries to create it from");
            return ExitCodes.ProblemsFound;
        }

        var server = status is null
            ? new LogPosition(0, "", 0, "")
            : new LogPosition(status.User.Size, status.User.Root, status.System.Size, status.System.Root);
        using var batcher = new RsfBatcher(path, settings.BatchSize);
        async Task<Digest> SystemRootAt(long size)
        {
            var tree = new CompactRange();
            tree.AppendRange([.. await run.Client.GetLeafHashesAsync(register, EntryLog.System, size, cancellationToken)]);
            return tree.Root();
        }

        // Replayed to where the register stands: the file read through again up to as many user entries as the register
        // holds, with its progress shown (a register without any is met at the file's first entry).
        Task<string?> Resume(IProgress<RsfProgress> progress) =>
            batcher.ResumeAsync(server, compareSystem: verified.SystemEntries > 0, SystemRootAt, progress, cancellationToken);
        var resumed = server.UserSize == 0
            ? await Resume(new Progress<RsfProgress>())
            : await VerifyProgress.RunAsync(run.Consoles, $"{Path.GetFileName(path)} (to where the register stands)", "resume", new FileInfo(path).Length, Resume);
        if (resumed is { } mismatch)
        {
            // A file of another register meets one that exists here: said as what it is, rather than as entries that differ.
            Diagnostic($"nothing sent: {LoadCheck.OtherRegisterOf(path, register, cancellationToken)?.Describe(path, register) ?? mismatch}");
            return ExitCodes.ProblemsFound;
        }

        if (await CheckAsync(run, register, status is not null, path, batcher.EntriesBefore, settings.Lenient, cancellationToken) is { } problems)
        {
            Diagnostic($"nothing sent: {problems}");
            return ExitCodes.ProblemsFound;
        }

        var total = (long)(verified.UserEntries + verified.SystemEntries);
        var already = batcher.EntriesBefore; // not the server's sizes: its system log may hold entries the file has not (custodian keys)
        if (already > 0)
        {
            Diagnostic($"resuming: the register already holds the file's first {Counted.Of(server.UserSize, "user entry", "user entries")}; {Counted.Of(total - already, "entry", "entries")} to send");
        }

        // Batches cut to the server's limit from the start, rather than each first refused (413) by a server set lower.
        var limits = await run.Client.GetWriteLimitsAsync(cancellationToken);
        var sender = new RsfSender(run, register, fileDigest, settings.Lenient, limits?.MaxRsfBytes);
        var outcome = await BatchProgress.RunAsync(run.Consoles, Path.GetFileName(path), "load", total - already,
            progress => sender.SendAllAsync(batcher, progress, cancellationToken));
        return Report(run, outcome, sender, verified);
    }

    /// <summary>The offline check: the whole file replayed before anything is sent; its errors listed as <c>registers verify</c> lists them.</summary>
    private RsfVerification? Verify(string path, CancellationToken cancellationToken)
    {
        using var file = FileProblem.Reading(path, p => new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));
        if (!file.CanSeek)
        {
            // The file is read again to cut the batches, and a pipe gives its lines once.
            throw new ConfigException($"{path} is not a regular file: load reads the file more than once, and a pipe gives its lines only once");
        }

        var result = VerifyProgress.Run(Consoles, file, progress => RsfVerifier.Verify(file, null, progress, cancellationToken));
        if (result.IsValid)
        {
            return result;
        }

        VerifyReport.Write(Consoles, result);
        Diagnostic($"nothing sent: {path} has {Counted.Of(result.ErrorCount, "error")} (listed on standard output)");
        return null;
    }

    /// <summary>
    /// The check of the entries to send against the register's fields (<see cref="LoadCheck"/>), each problem listed on
    /// standard output as it is found and its progress on standard error meanwhile; null when there is none, else how many.
    /// </summary>
    private async Task<string?> CheckAsync(
        ServerRun run, string register, bool exists, string path, long entriesBefore, bool lenient, CancellationToken cancellationToken)
    {
        // Where the load starts the register has the fields it holds (a register the load creates, none).
        var fields = exists ? await run.Client.GetFieldDefinitionsAsync(register, cancellationToken) ?? [] : [];
        var check = LoadCheck.Run(path, new RegisterSchema(register, fields), entriesBefore, lenient, run.Consoles.WriteResult,
            VerifyProgress.AsLines(run.Consoles, "check", new FileInfo(path).Length), cancellationToken);
        return check.Other is { } other ? other.Describe(path, register)
            : check.Problems == 0 ? null
            : $"{Counted.Of(check.Problems, "problem")} in {Counted.Of(check.ProblemLines, "line")} of {path} (listed on standard output)";
    }

    private int Report(ServerRun run, Exception? failure, RsfSender sender, RsfVerification verified)
    {
        var sent = $"{Counted.Of(sender.Entries, "entry", "entries")} in {Counted.Of(sender.Batches, "batch", "batches")}";
        switch (failure)
        {
            case null:
                var receipt = sender.Last;
                run.Consoles.WriteResult($"sent: {sender.Entries}");
                run.Consoles.WriteResult($"size: {receipt?.User.Size ?? (long)verified.UserEntries}");
                run.Consoles.WriteResult($"root: {receipt?.User.Root ?? verified.UserRoot.ToString()}");
                run.Consoles.WriteResult($"file root: {verified.UserRoot}");
                sender.Warnings.Write(run.Consoles);
                Diagnostic($"done: {sent} in {sender.Elapsed.TotalSeconds:0.0} s ({sender.Rate:N0} entries/s){LetThrough(sender.Warnings)}");
                return receipt is null || receipt.User.Root == verified.UserRoot.ToString() ? ExitCodes.Ok : ExitCodes.ProblemsFound;
            case RegistersException refused:
                sender.Warnings.Write(run.Consoles);
                Refused(refused.Problem, error => error.Line is { } batchLine && sender.Current?.FileLine(batchLine) is { } fileLine ? $"file line {fileLine}" : null);
                Diagnostic($"stopped at the first refusal, after {sent}; {RefusedBatch.Fate(refused)}"
                    + (refused.StatusCode == System.Net.HttpStatusCode.PreconditionFailed
                        ? "; someone else wrote to the register meanwhile: run the load again to check the register against the file"
                        : "")
                    + (!sender.Lenient && OnlyRepeats(refused.Problem)
                        ? "; if the file is history to keep as it is (GOV.UK's archives repeat items), --lenient loads its repeats as warnings (admin key only)"
                        : ""));
                return ExitCodes.Of(refused);
            case EntryTooLargeException tooLarge:
                sender.Warnings.Write(run.Consoles);
                Diagnostic($"stopped after {sent}: {tooLarge.Message}; run the same command again once it is smaller to go on where the log stands");
                return ExitCodes.ProblemsFound;
            case InvalidDataException odd:
                Diagnostic($"stopped after {sent}: {odd.Message}");
                return ExitCodes.ProblemsFound;
            default:
                Diagnostic($"{Unanswered(failure)} after {sent}; run the same command again to go on where the log stands");
                return ExitCodes.Unavailable;
        }
    }

    /// <summary>Whether every problem listed is an entry that repeats its key's current item: the break a lenient load lets through that history holds most.</summary>
    private static bool OnlyRepeats(RegistersProblem problem) =>
        problem.Errors.Count > 0 && problem.Errors.All(error => error.Rule == RefusedBatch.RepeatRule);

    /// <summary>", with N warnings (listed on standard output)" when the server let broken rules through, else nothing.</summary>
    private static string LetThrough(LoadWarnings warnings) =>
        warnings.Count == 0 ? "" : $", with {Counted.Of(warnings.Count, "warning")} of rules broken but let through (listed on standard output)";
}
