using System.Globalization;
using System.Net;
using System.Text;
using Registers.Cli.Config;
using Registers.Cli.Schema;
using Registers.Cli.Verify;
using Registers.Cli.Writes;
using Registers.Client.Problems;
using Registers.Client.Writes;
using Registers.Protocol.Fields;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Import;

/// <summary>
/// <c>registers import FILE.csv</c>: reads and checks every row against the register's fields (as the server has them, or
/// from a definition file), lists every bad row and
/// sends nothing if there is one; otherwise appends the rows in signed batches. Each batch's idempotency key is made from
/// the file and the batch, so a re-run first asks the server for the receipt of each batch, skips those it has, and sends
/// the rest, each with <c>If-Match</c> for the size it extends (a batch that finds the register grown by another write
/// since goes again on top of it). Rows whose key's record already holds their item (a
/// spreadsheet imported again after some rows were edited) are left out of their batch, as the server names them. A
/// refused batch's problems are named by the CSV lines of its rows. The file is read a piece at a time, once to check
/// it and once to send it, so that what it takes in memory is a batch, not the file.
/// </summary>
internal sealed class ImportCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<ImportSettings>(consoles, environment)
{
    protected override string Name => "import";

    protected override async Task<int> RunAsync(ServerRun run, ImportSettings settings, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();

        // With a definition file the rows are checked before the server is asked anything; without, against the fields it has.
        var schema = await RegisterSchemas.ForAsync(run.Client, register, settings.Definition is null ? null : Environment.FullPath(settings.Definition), cancellationToken);
        if (schema is null)
        {
            return NoSuchRegister(run, register);
        }

        var path = Environment.FullPath(settings.File);

        // Read through once first: the batch keys come from the very bytes imported. A pipe is kept aside for the readings
        // after (a second reading of it would find it empty, and every import from one share the keys of an empty file).
        using var input = await ImportInput.ReadAsync(path, cancellationToken);
        var check = ImportCheck.Run(input, schema, settings, null, run.Consoles.WriteResult, CheckProgress(run, input), cancellationToken);
        var limits = check.Problems > 0 ? null : await PublishedLimitsAsync(run, settings, cancellationToken);
        if (limits is { } published && published.MaxBodyBytes < check.LargestBodyBytes)
        {
            // A row larger than the server takes is a problem of the file, found before anything is sent: read again to name it.
            check = ImportCheck.Run(input, schema, settings, published.MaxBodyBytes, run.Consoles.WriteResult, CheckProgress(run, input), cancellationToken);
        }

        if (check.Problems > 0)
        {
            Diagnostic($"nothing sent: {Counted.Of(check.Problems, "problem")} in {Counted.Of(check.ProblemLines, "line")} of {path} (listed on standard output)");
            return ExitCodes.ProblemsFound;
        }

        var status = await run.Client.GetStatusAsync(register, cancellationToken);
        if (status is null)
        {
            return NoSuchRegister(run, register);
        }

        var sender = new ImportSender(run, register, input.Digest, status.User.Size, limits);
        try
        {
            using var text = input.OpenText();
            using var batches = CsvBatches.Cut(CsvRows.Read(text, schema, settings.Columns(), problem => throw Changed(input, problem), cancellationToken), settings.BatchSize, register, input.Digest).GetEnumerator();

            // Batches a previous run committed have receipts: skip them, up to the first the server does not know.
            var (skipped, underAnotherKey, skippedRows) = (0, 0, 0L);
            var more = batches.MoveNext();
            for (; more && await LandedBatches.OfAsync(run.Client, register, batches.Current, cancellationToken) is var landing and not Landing.No; more = batches.MoveNext())
            {
                (skipped, skippedRows) = (skipped + 1, skippedRows + batches.Current.Rows.Count);
                underAnotherKey += landing == Landing.UnderAnotherKey ? 1 : 0;
            }

            if (skipped > 0)
            {
                var others = underAnotherKey == 0 ? "" : $" ({underAnotherKey} of them under another key)";
                Diagnostic($"resuming: {skipped} batch{(skipped == 1 ? " was" : "es were")} sent before{others}; {check.Batches - skipped} to send");
            }

            var elapsed = await BatchProgress.RunAsync(run.Consoles, Path.GetFileName(path), "import", check.Rows - skippedRows, async progress =>
            {
                for (; more; more = batches.MoveNext())
                {
                    // Each batch's rows were read before it is sent: a file changed meanwhile stops it here.
                    input.ThrowIfChanged();
                    await sender.SendAsync(batches.Current, cancellationToken);
                    progress.Advance(batches.Current.Rows.Count);
                }

                return progress.Elapsed;
            });

            Diagnostic(string.Create(CultureInfo.InvariantCulture,
                $"done: {Counted.Of(sender.Sent, "row")} sent, {sender.Unchanged:N0} unchanged{(sender.Earlier > 0 ? $", {sender.Earlier:N0} sent by an earlier run" : "")}, in {elapsed.TotalSeconds:0.0} s"));
        }
        catch (RowTooLargeException e)
        {
            run.Consoles.WriteResult(e.Problem.ToString());
            Diagnostic($"stopped: a row is too large for the server (listed on standard output), after {sender.Sent:N0} of {Counted.Of(check.Rows, "row")} in this run; "
                + "the rows before it are written: make it smaller and run the command again to send the rest");
            return ExitCodes.ProblemsFound;
        }
        catch (RegistersException e)
        {
            Refused(e.Problem, error => error.Entry is { } entry && sender.Sending?.FileLine(entry) is { } line ? $"line {line}" : null);
            Diagnostic($"stopped at the first refusal, after {sender.Sent:N0} of {Counted.Of(check.Rows, "row")} in this run; {RefusedBatch.Fate(e)}"
                + (e.StatusCode == HttpStatusCode.PreconditionFailed ? "; other writes kept reaching the register first: run the same command again to go on" : ""));
            return ExitCodes.Of(e);
        }
        catch (Exception e) when (UnansweredRequest.Is(e, cancellationToken))
        {
            Diagnostic($"{Unanswered(e)} after {sender.Sent:N0} of {Counted.Of(check.Rows, "row")} in this run; run the same command again to go on");
            return ExitCodes.Unavailable;
        }

        run.Consoles.WriteResult($"sent: {sender.Sent}");
        run.Consoles.WriteResult($"size: {sender.Newest?.User.Size ?? status.User.Size}");
        run.Consoles.WriteResult($"root: {sender.Newest?.User.Root ?? status.User.Root}");
        run.Consoles.WriteResult($"unchanged: {sender.Unchanged}");
        return ExitCodes.Ok;
    }

    /// <summary>How far the check has read, as lines on standard error: the problems it finds go to standard output meanwhile.</summary>
    private static IProgress<RsfProgress> CheckProgress(ServerRun run, ImportInput input) => VerifyProgress.AsLines(run.Consoles, "check", input.Length);

    /// <summary>A problem in the second reading of a file that had none in the first.</summary>
    private static ChangedInputException Changed(ImportInput input, RowProblem problem)
    {
        input.ThrowIfChanged();
        return new ChangedInputException($"the file changed while it was being imported ({problem}): run the command again once it is saved");
    }

    /// <summary>
    /// The limits the server publishes. With a definition file the rows are checked without the server: one not reached
    /// yet is checked against the default limit, and met as unreachable when the rows are sent.
    /// </summary>
    private static async Task<WriteLimits?> PublishedLimitsAsync(ServerRun run, ImportSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await run.Client.GetWriteLimitsAsync(cancellationToken);
        }
        catch (HttpRequestException) when (settings.Definition is not null)
        {
            return null;
        }
    }
}
