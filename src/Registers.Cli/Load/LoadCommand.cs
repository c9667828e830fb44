using Registers.Cli.Config;
using Registers.Cli.Verify;
using Registers.Cli.Writes;
using Registers.Client.Problems;
using Registers.Client.Writes;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Load;

/// <summary>
/// <c>registers load FILE.rsf</c>: checks the file offline, finds where the register stands, checks that it holds exactly
/// the file's first entries, and sends the rest in signed, self-contained batches. Each batch carries an idempotency key
/// made from the file and the batch, and <c>If-Match: "size-N"</c> for the size it extends, so a re-run after any failure
/// goes on where the log stands and never appends an entry twice. The first refusal stops the load.
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

        if (await batcher.ResumeAsync(server, compareSystem: verified.SystemEntries > 0, SystemRootAt) is { } mismatch)
        {
            Diagnostic($"nothing sent: {mismatch}");
            return ExitCodes.ProblemsFound;
        }

        var total = (long)(verified.UserEntries + verified.SystemEntries);
        var already = batcher.EntriesBefore; // not the server's sizes: its system log may hold entries the file has not (custodian keys)
        if (already > 0)
        {
            Diagnostic($"resuming: the register already holds the file's first {server.UserSize:N0} user entries; {total - already:N0} entries to send");
        }

        var sender = new Sender(run, register, fileDigest, settings.Lenient);
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
        Diagnostic($"nothing sent: {path} has {result.ErrorCount} error{(result.ErrorCount == 1 ? "" : "s")} (listed on standard output)");
        return null;
    }

    private int Report(ServerRun run, Exception? failure, Sender sender, RsfVerification verified)
    {
        var sent = $"{sender.Entries:N0} entries in {sender.Batches} batch{(sender.Batches == 1 ? "" : "es")}";
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
                return refused.IsTransient || (int)refused.StatusCode >= 500 ? ExitCodes.Unavailable : ExitCodes.ProblemsFound;
            case InvalidDataException odd:
                Diagnostic($"stopped after {sent}: {odd.Message}");
                return ExitCodes.ProblemsFound;
            default:
                Diagnostic($"the server could not be reached ({ConnectionFailure.Describe(failure)}) after {sent}; run the same command again to go on where the log stands");
                return ExitCodes.Unavailable;
        }
    }

    /// <summary>Whether every problem listed is an entry that repeats its key's current item: the break a lenient load lets through that history holds most.</summary>
    private static bool OnlyRepeats(RegistersProblem problem) =>
        problem.Errors.Count > 0 && problem.Errors.All(error => error.Rule == RefusedBatch.RepeatRule);

    /// <summary>", with N warnings (listed on standard output)" when the server let broken rules through, else nothing.</summary>
    private static string LetThrough(LoadWarnings warnings) =>
        warnings.Count == 0 ? "" : $", with {warnings.Count:N0} warning{(warnings.Count == 1 ? "" : "s")} of rules broken but let through (listed on standard output)";

    /// <summary>Sends batches one after another; keeps what the run did for the report.</summary>
    private sealed class Sender(ServerRun run, string register, Digest file, bool lenient)
    {
        public bool Lenient => lenient;

        private BatchProgress? _progress;

        public long Entries { get; private set; }

        public int Batches { get; private set; }

        public RsfBatch? Current { get; private set; }

        public WriteReceipt? Last { get; private set; }

        public LoadWarnings Warnings { get; } = new();

        public TimeSpan Elapsed => _progress?.Elapsed ?? TimeSpan.Zero;

        public double Rate => _progress?.Rate ?? 0;

        /// <summary>Sends every batch; returns null when all were applied, else what stopped it.</summary>
        public async Task<Exception?> SendAllAsync(RsfBatcher batcher, BatchProgress progress, CancellationToken cancellationToken)
        {
            _progress = progress;
            try
            {
                for (var batch = batcher.Next(); batch is not null;)
                {
                    Current = batch;

                    // The next batch is cut from the file while this one is on the wire.
                    var following = Task.Run(batcher.Next, CancellationToken.None);
                    try
                    {
                        Last = await SendAsync(batch, cancellationToken);
                    }
                    catch
                    {
                        await following.ContinueWith(_ => { }, TaskScheduler.Default); // the batcher is not used after this
                        throw;
                    }

                    Warnings.Add(batch, Last.Warnings);
                    var next = await following;
                    if (Last.User.Size != batch.StartUser + batch.UserEntries)
                    {
                        return new InvalidDataException(
                            $"the server's receipt says the register holds {Last.User.Size} user entries after a batch that should leave {batch.StartUser + batch.UserEntries}");
                    }

                    (Entries, Batches) = (Entries + batch.Entries, Batches + 1);
                    progress.Advance(batch.Entries);
                    batch = next;
                }

                return null;
            }
            catch (Exception e) when (e is RegistersException or HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return e;
            }
        }

        private async Task<WriteReceipt> SendAsync(RsfBatch batch, CancellationToken cancellationToken)
        {
            var options = new WriteOptions
            {
                IdempotencyKey = BatchKeys.Of("rsf", register, file, [batch.StartUser, batch.StartSystem], batch.Entries),
                // A register the first batch creates counts as empty: "size-0" holds for it too.
                ExpectedSize = batch.StartUser,
            };
            using var body = new MemoryStream(batch.Body, writable: false);
            return await run.Client.LoadRsfAsync(register, body, options, lenient, cancellationToken);
        }
    }
}
