using System.Globalization;
using System.Net;
using Registers.Cli.Writes;
using Registers.Client.Problems;
using Registers.Client.Writes;
using Registers.Protocol.Hashing;

namespace Registers.Cli.Load;

/// <summary>
/// An entry, with the items it brings and any system entries that must go with it, that the server will not take in one
/// load even alone: refused (413), or not sent, being larger than the limit the server said.
/// </summary>
internal sealed class EntryTooLargeException(string message, RegistersException? refusal) : Exception(message, refusal);

/// <summary>
/// Sends a load's batches one after another and keeps what the run did for the report. A batch the server will not take
/// (413, a server whose <c>MaxRsfBytes</c> is lower than a batch) goes again in halves, each under the idempotency key of
/// its own start and size and with <c>If-Match</c> for the size it extends, so a run again makes the same parts and
/// nothing is appended twice. Once the server has said its limit (as it publishes it, <paramref name="publishedLimit"/>, or
/// in a 413), larger parts are halved before they are sent, into the very parts its 413s would have made; so are parts of
/// as many entries as one refused by a 413 naming no limit (a web server in front with a limit of its own), as an import's are.
/// </summary>
internal sealed class RsfSender(ServerRun run, string register, Digest file, bool lenient, long? publishedLimit)
{
    private readonly KnownWriteLimits _limits = new(publishedLimit, null); // a server limits an RSF load by its bytes alone
    private BatchProgress? _progress;

    public bool Lenient => lenient;

    public long Entries { get; private set; }

    public int Batches { get; private set; }

    /// <summary>The part of a batch being sent, by which a refusal's lines are placed in the file.</summary>
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
                // The next batch is cut from the file while this one is on the wire.
                var following = Task.Run(batcher.Next, CancellationToken.None);
                try
                {
                    await SendInPartsAsync(batch, progress, cancellationToken);
                }
                catch
                {
                    await following.ContinueWith(_ => { }, TaskScheduler.Default); // the batcher is not used after this
                    throw;
                }

                batch = await following;
            }

            return null;
        }
        catch (Exception e) when (e is RegistersException or HttpRequestException or EntryTooLargeException or InvalidDataException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return e;
        }
    }

    /// <summary>Sends <paramref name="batch"/>, in halves as often as the server's limit asks, each part applied when this returns.</summary>
    private async Task SendInPartsAsync(RsfBatch batch, BatchProgress progress, CancellationToken cancellationToken)
    {
        var parts = new Stack<RsfBatch>([batch]);
        while (parts.TryPop(out var part))
        {
            Current = part;
            if (_limits.PassedBy(part.Body.Length) is { } limit)
            {
                // Not sent: the server would refuse it. A part that cannot be cut is named here, before any 413.
                Push(parts, RsfBatchHalves.Of(part) ?? throw TooLargeAlone(part, ServerBodyLimit.Describe(limit), null));
                continue;
            }

            if (_limits.TooMany(part.Entries) && RsfBatchHalves.Of(part) is { } halves)
            {
                // Not sent: as many entries were refused by a 413 naming no limit. One that cannot be cut is sent for the server to say.
                Push(parts, halves);
                continue;
            }

            try
            {
                Last = await SendAsync(part, cancellationToken);
            }
            catch (RegistersException e) when (e.StatusCode == HttpStatusCode.RequestEntityTooLarge)
            {
                _limits.Learn(e.Problem, part.Entries);
                Push(parts, RsfBatchHalves.Of(part) ?? throw TooLargeAlone(part, ServerBodyLimit.Describe(e.Problem), e));
                continue;
            }

            Warnings.Add(part, Last.Warnings);
            if (Last.User.Size != part.StartUser + part.UserEntries)
            {
                throw new InvalidDataException(
                    $"the server's receipt says the register holds {Counted.Of(Last.User.Size, "user entry", "user entries")} after a batch that should leave {part.StartUser + part.UserEntries}");
            }

            (Entries, Batches) = (Entries + part.Entries, Batches + 1);
            progress.Advance(part.Entries);
        }
    }

    /// <summary>Puts the halves first among the parts to send, the first half on top.</summary>
    private static void Push(Stack<RsfBatch> parts, (RsfBatch First, RsfBatch Second) halves)
    {
        parts.Push(halves.Second);
        parts.Push(halves.First);
    }

    /// <summary>A part that cannot be cut and is more than <paramref name="limit"/>, named by its entry's line and every line of the file it takes.</summary>
    private static EntryTooLargeException TooLargeAlone(RsfBatch part, string limit, RegistersException? refusal)
    {
        var together = part.Entries == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" (with the {Counted.Of(part.Entries - 1, "system entry", "system entries")} that must go with it)");
        return new EntryTooLargeException(string.Create(CultureInfo.InvariantCulture,
            $"line {RsfBatchHalves.FirstEntryLine(part)}: its entry{together} and the items it brings (file lines {FileLineRanges.Of(part.FileLines)}) "
            + $"come to {part.Body.Length:N0} bytes of RSF, more than {limit}: no batch can carry it"), refusal);
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
