using System.Globalization;
using System.Net;
using Registers.Cli.Writes;
using Registers.Client.Problems;
using Registers.Client.Writes;
using Registers.Protocol.Hashing;

namespace Registers.Cli.Import;

/// <summary>
/// A row the server will not take in one write even alone: refused (413), or not sent, being larger than the limit the
/// server said. Named by its line, with the server's limit when it gives one.
/// </summary>
internal sealed class RowTooLargeException(RowProblem problem, RegistersException? refusal) : Exception(problem.ToString(), refusal)
{
    public RowProblem Problem => problem;
}

/// <summary>
/// Sends an import's batches one by one, each with <c>If-Match</c> for the size it extends, and counts what became of its
/// rows. A batch is made smaller on the way: without the rows the server names as repeating their key's item (sent
/// again under a key of its own), and in halves when the server will not take it (413, a server whose
/// <c>MaxBodyBytes</c> or <c>MaxEntriesPerWrite</c> is lower than the default), each half again under a key of its own, so a
/// run again makes the same parts and the server answers each with its first receipt. Once the server has said its limits
/// (as it publishes them, <paramref name="published"/>, or in a 413: its body limit, or a count of rows it refused), parts
/// past them are halved before they are sent, into the very parts its 413s would have made.
/// </summary>
internal sealed class ImportSender(ServerRun run, string register, Digest file, long size, WriteLimits? published)
{
    /// <summary>How often one batch is sent again after other writes reached the register first (412), before the import stops.</summary>
    private const int MaxRacesLost = 5;

    private readonly KnownWriteLimits _limits = new(published?.MaxBodyBytes, published?.MaxEntriesPerWrite);

    /// <summary>The user log's size as last known.</summary>
    public long Size { get; private set; } = size;

    /// <summary>Rows this run wrote.</summary>
    public long Sent { get; private set; }

    /// <summary>Rows left out as holding their key's item already.</summary>
    public long Unchanged { get; private set; }

    /// <summary>Rows an earlier run wrote, answered with its receipt.</summary>
    public long Earlier { get; private set; }

    /// <summary>The receipt of this run's last write.</summary>
    public WriteReceipt? Newest { get; private set; }

    /// <summary>The part of a batch being sent, by which a refusal's entries are placed in the file.</summary>
    public CsvBatch? Sending { get; private set; }

    /// <summary>Sends <paramref name="batch"/>, all of it written or left out when this returns.</summary>
    /// <exception cref="RegistersException">The server refused a part of it; nothing of that part was written.</exception>
    /// <exception cref="RowTooLargeException">A row of it is too large for the server alone.</exception>
    public async Task SendAsync(CsvBatch batch, CancellationToken cancellationToken)
    {
        var parts = new Stack<CsvBatch>([batch]);
        while (parts.TryPop(out var part))
        {
            Sending = part;
            var racesLost = 0;
            while (Sending.Rows.Count > 0)
            {
                if (_limits.PassedBy(Sending.BodyBytes) is { } limit)
                {
                    // Not sent: the server would refuse it.
                    if (Sending.Rows.Count == 1)
                    {
                        throw new RowTooLargeException(TooLargeForServer(Sending.Rows[0], ServerBodyLimit.Describe(limit)), null);
                    }

                    Halve(batch, parts);
                    break;
                }

                if (_limits.TooMany(Sending.Rows.Count))
                {
                    Halve(batch, parts);
                    break;
                }

                WriteReceipt receipt;
                try
                {
                    receipt = await run.Client.AppendAsync(register, Sending.Entries, new WriteOptions { IdempotencyKey = Sending.Key, ExpectedSize = Size }, cancellationToken);
                }
                catch (RegistersException e) when (UnchangedRows(e.Problem) is { } repeats)
                {
                    // Refused whole, nothing kept: the rest goes under a key of its own.
                    Unchanged += repeats.Count;
                    Sending = CsvBatches.Without(batch, Sending, repeats, register, file);
                    continue;
                }
                catch (RegistersException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed && ++racesLost <= MaxRacesLost)
                {
                    // Another write landed since the size was read, and nothing of the batch was written. Its rows
                    // are records by key, not a log replayed in order: they go on top of the other write.
                    Size = (await run.Client.GetStatusAsync(register, cancellationToken))?.User.Size ?? Size;
                    run.Consoles.WriteNotice(string.Create(CultureInfo.InvariantCulture,
                        $"registers import: another write reached the register meanwhile (it holds {Counted.Of(Size, "entry", "entries")} now); sending the batch again on top of it"));
                    continue;
                }
                catch (RegistersException e) when (e.StatusCode == HttpStatusCode.RequestEntityTooLarge)
                {
                    _limits.Learn(e.Problem, Sending.Rows.Count);
                    if (Sending.Rows.Count == 1)
                    {
                        throw new RowTooLargeException(TooLargeForServer(Sending.Rows[0], ServerBodyLimit.Describe(e.Problem)), e);
                    }

                    Halve(batch, parts);
                    break;
                }

                // A receipt of an earlier run (the same rows under the same key) is not this run's write, and
                // the log has moved past its size since.
                if (receipt.User.FirstEntry > Size)
                {
                    Sent += Sending.Rows.Count;
                    Newest = receipt;
                }
                else
                {
                    Earlier += Sending.Rows.Count;
                }

                Size = Math.Max(Size, receipt.User.Size);
                break;
            }
        }
    }

    /// <summary>Puts the halves of the part being sent first among the parts to send, the first half on top.</summary>
    private void Halve(CsvBatch batch, Stack<CsvBatch> parts)
    {
        var (first, second) = CsvBatches.Halves(batch, Sending!, register, file);
        parts.Push(second);
        parts.Push(first);
    }

    private static RowProblem TooLargeForServer(CsvEntry row, string limit) => CsvBatches.TooLargeFor(row, limit);

    /// <summary>The rows of a refusal whose every problem is that a row repeats its key's current item, or null.</summary>
    private static HashSet<int>? UnchangedRows(RegistersProblem problem) =>
        problem.Status == HttpStatusCode.UnprocessableEntity && problem.Errors.Count > 0
            && problem.Errors.All(error => error.Rule == RefusedBatch.RepeatRule && error.Entry is not null)
            ? [.. problem.Errors.Select(error => error.Entry!.Value)]
            : null;
}
