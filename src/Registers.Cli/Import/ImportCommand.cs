using System.Globalization;
using System.Net;
using System.Text;
using Registers.Cli.Config;
using Registers.Cli.Schema;
using Registers.Cli.Writes;
using Registers.Client.Problems;
using Registers.Client.Writes;
using Registers.Protocol.Fields;

namespace Registers.Cli.Import;

/// <summary>
/// <c>registers import FILE.csv</c>: reads and checks every row against the register's fields (as the server has them, or
/// from a definition file), lists every bad row and
/// sends nothing if there is one; otherwise appends the rows in signed batches. Each batch's idempotency key is made from
/// the file and the batch, so a re-run first asks the server for the receipt of each batch, skips those it has, and sends
/// the rest, each with <c>If-Match</c> for the size it extends (a batch that finds the register grown by another write
/// since goes again on top of it). Rows whose key's record already holds their item (a
/// spreadsheet imported again after some rows were edited) are left out of their batch, as the server names them. A
/// refused batch's problems are named by the CSV lines of its rows.
/// </summary>
internal sealed class ImportCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<ImportSettings>(consoles, environment)
{
    /// <summary>How often one batch is sent again after other writes reached the register first (412), before the import stops.</summary>
    private const int MaxRacesLost = 5;

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

        // Read once: the batch keys come from the very bytes imported. A second reading would find a pipe empty (every import
        // from one would share the keys of an empty file, and each after the first be skipped as sent), or a file changed.
        var csv = await FileProblem.ReadingAsync(path, p => File.ReadAllBytesAsync(p, cancellationToken));
        List<CsvEntry> entries;
        List<RowProblem> problems;
        if (LooksLikeJson(csv))
        {
            // The CSV reader would stop at its first quote, which says nothing of the real mistake.
            (entries, problems) = ([], [new RowProblem(1, null, "this looks like JSON, but import reads CSV: a header row of field names, then a row a record")]);
        }
        else if (InvalidUtf8.Find(csv) is { } notUtf8)
        {
            (entries, problems) = ([], [notUtf8]);
        }
        else
        {
            using var text = new StreamReader(new MemoryStream(csv, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            (entries, problems) = CsvRows.Read(text, schema, settings.Columns());
        }

        // A row no batch can carry is found before anything is sent, and listed in its place among the rows' problems.
        problems = [.. problems.Concat(CsvBatches.TooLarge(entries)).OrderBy(problem => problem.Line)];

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                run.Consoles.WriteResult(problem.ToString());
            }

            var rows = problems.Select(problem => problem.Line).Distinct().Count();
            Diagnostic($"nothing sent: {problems.Count} problem{(problems.Count == 1 ? "" : "s")} in {rows} line{(rows == 1 ? "" : "s")} of {path} (listed on standard output)");
            return ExitCodes.ProblemsFound;
        }

        var status = await run.Client.GetStatusAsync(register, cancellationToken);
        if (status is null)
        {
            return NoSuchRegister(run, register);
        }

        var file = BatchKeys.FileDigest(csv);
        var batches = CsvBatches.Cut(entries, settings.BatchSize, register, file);
        var size = status.User.Size;
        var sent = 0L;
        var unchanged = 0L;
        var earlier = 0L;
        var skipped = 0;
        WriteReceipt? newest = null;
        CsvBatch? sending = null;
        try
        {
            // Batches a previous run committed have receipts: skip them, up to the first the server does not know.
            (skipped, var underAnotherKey) = await LandedBatches.CountAsync(run.Client, register, batches, cancellationToken);
            if (skipped > 0)
            {
                var others = underAnotherKey == 0 ? "" : $" ({underAnotherKey} of them under another key)";
                Diagnostic($"resuming: {skipped} batch{(skipped == 1 ? " was" : "es were")} sent before{others}; {batches.Count - skipped} to send");
            }

            var elapsed = await BatchProgress.RunAsync(run.Consoles, Path.GetFileName(path), "import", entries.Count - batches.Take(skipped).Sum(b => b.Rows.Count), async progress =>
            {
                foreach (var batch in batches.Skip(skipped))
                {
                    sending = batch;
                    var racesLost = 0;
                    while (sending.Rows.Count > 0)
                    {
                        WriteReceipt receipt;
                        try
                        {
                            receipt = await run.Client.AppendAsync(register, sending.Entries, new WriteOptions { IdempotencyKey = sending.Key, ExpectedSize = size }, cancellationToken);
                        }
                        catch (RegistersException e) when (UnchangedRows(e.Problem) is { } repeats)
                        {
                            // Refused whole, nothing kept: the rest goes under a key of its own.
                            unchanged += repeats.Count;
                            sending = CsvBatches.Without(batch, sending, repeats, register, file);
                            continue;
                        }
                        catch (RegistersException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed && ++racesLost <= MaxRacesLost)
                        {
                            // Another write landed since the size was read, and nothing of the batch was written. Its rows
                            // are records by key, not a log replayed in order: they go on top of the other write.
                            size = (await run.Client.GetStatusAsync(register, cancellationToken))?.User.Size ?? size;
                            run.Consoles.WriteNotice(string.Create(CultureInfo.InvariantCulture,
                                $"registers import: another write reached the register meanwhile (it holds {size:N0} entries now); sending the batch again on top of it"));
                            continue;
                        }

                        // A receipt of an earlier run (the same rows under the same key) is not this run's write, and
                        // the log has moved past its size since.
                        if (receipt.User.FirstEntry > size)
                        {
                            sent += sending.Rows.Count;
                            newest = receipt;
                        }
                        else
                        {
                            earlier += sending.Rows.Count;
                        }

                        size = Math.Max(size, receipt.User.Size);
                        break;
                    }

                    progress.Advance(batch.Rows.Count);
                }

                return progress.Elapsed;
            });

            Diagnostic(string.Create(CultureInfo.InvariantCulture,
                $"done: {sent:N0} rows sent, {unchanged:N0} unchanged{(earlier > 0 ? $", {earlier:N0} sent by an earlier run" : "")}, in {elapsed.TotalSeconds:0.0} s"));
        }
        catch (RegistersException e)
        {
            Refused(e.Problem, error => error.Entry is { } entry && sending?.FileLine(entry) is { } line ? $"line {line}" : null);
            Diagnostic($"stopped at the first refusal, after {sent:N0} of {entries.Count:N0} rows in this run; {RefusedBatch.Fate(e)}"
                + (e.StatusCode == HttpStatusCode.PreconditionFailed ? "; other writes kept reaching the register first: run the same command again to go on" : ""));
            return e.IsTransient || (int)e.StatusCode >= 500 ? ExitCodes.Unavailable : ExitCodes.ProblemsFound;
        }
        catch (HttpRequestException e)
        {
            Diagnostic($"the server could not be reached ({ConnectionFailure.Describe(e)}) after {sent:N0} of {entries.Count:N0} rows in this run; run the same command again to go on");
            return ExitCodes.Unavailable;
        }

        run.Consoles.WriteResult($"sent: {sent}");
        run.Consoles.WriteResult($"size: {newest?.User.Size ?? status.User.Size}");
        run.Consoles.WriteResult($"root: {newest?.User.Root ?? status.User.Root}");
        run.Consoles.WriteResult($"unchanged: {unchanged}");
        return ExitCodes.Ok;
    }

    /// <summary>Whether the file's first character, past a byte order mark and white space, opens a JSON object or array.</summary>
    private static bool LooksLikeJson(ReadOnlySpan<byte> file)
    {
        var text = file.StartsWith("\uFEFF"u8) ? file[3..] : file;
        return text.TrimStart(" \t\r\n"u8) is [(byte)'{' or (byte)'[', ..];
    }

    /// <summary>The rows of a refusal whose every problem is that a row repeats its key's current item, or null.</summary>
    private static HashSet<int>? UnchangedRows(RegistersProblem problem) =>
        problem.Status == System.Net.HttpStatusCode.UnprocessableEntity && problem.Errors.Count > 0
            && problem.Errors.All(error => error.Rule == RefusedBatch.RepeatRule && error.Entry is not null)
            ? [.. problem.Errors.Select(error => error.Entry!.Value)]
            : null;
}
