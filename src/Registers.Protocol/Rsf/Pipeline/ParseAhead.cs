using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Registers.Protocol.Rsf.Pipeline;

/// <summary>
/// Reads, parses and hashes lines on a thread of its own, a few chunks ahead of the replay that takes them: on two
/// cores, parsing, item hashes and leaf hashes overlap the tree, the chain and the checks. Chunks go back and forth
/// between the two threads through bounded queues, so memory stays at a few chunks whatever the file.
/// </summary>
internal sealed class ParseAhead : IDisposable
{
    private const int Chunks = 6; // one being filled, one being replayed, the rest queued

    private readonly BlockingCollection<ParsedChunk> _full = new(Chunks);
    private readonly BlockingCollection<ParsedChunk> _empty = new(Chunks);
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _cancellationToken;
    private readonly Task _reading;

    /// <summary>Starts reading <paramref name="reader"/>; the first entries of the logs get the numbers <paramref name="firstUser"/> and <paramref name="firstSystem"/>.</summary>
    public ParseAhead(RsfReader reader, long firstUser, long firstSystem, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Chunks; i++)
        {
            _empty.Add(new ParsedChunk());
        }

        _cancellationToken = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reading = Task.Factory.StartNew(
            () => Read(reader, firstUser, firstSystem), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Lines read, once <see cref="TryTake"/> has returned false.</summary>
    public long Lines { get; private set; }

    /// <summary>Bytes consumed, once <see cref="TryTake"/> has returned false.</summary>
    public long Bytes { get; private set; }

    /// <summary>The next chunk, in file order; false at the end of the input.</summary>
    /// <exception cref="IOException">Reading failed (whatever the reader threw is thrown here).</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public bool TryTake([NotNullWhen(true)] out ParsedChunk? chunk)
    {
        if (_full.TryTake(out chunk, Timeout.Infinite, _cancellationToken))
        {
            return true;
        }

        _reading.GetAwaiter().GetResult();
        return false;
    }

    /// <summary>Hands a replayed chunk back for reuse.</summary>
    public void Return(ParsedChunk chunk)
    {
        chunk.Clear();
        _empty.Add(chunk);
    }

    /// <summary>Stops the reading thread and waits for it.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _reading.Wait();
        }
        catch (AggregateException)
        {
            // A failure the replay did not reach: it stopped first, for a reason of its own.
        }

        _stop.Dispose();
        _full.Dispose();
        _empty.Dispose();
    }

    private void Read(RsfReader reader, long firstUser, long firstSystem)
    {
        Span<long> numbers = [firstUser, firstSystem];
        try
        {
            var chunk = _empty.Take(_stop.Token);
            var hashLeaves = false;
            while (reader.Read())
            {
                if (chunk.IsFull)
                {
                    _full.Add(chunk, _stop.Token);
                    chunk = _empty.Take(_stop.Token);

                    // Leaf hashes go to whichever side has time: to this one while the replay has chunks waiting.
                    hashLeaves = _full.Count >= 2;
                }

                chunk.Add(reader.Current, reader.BytesConsumed, numbers, hashLeaves);
            }

            _full.Add(chunk, _stop.Token);
            (Lines, Bytes) = (reader.LineNumber, reader.BytesConsumed);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The replay stopped taking chunks.
        }
        finally
        {
            _full.CompleteAdding();
        }
    }
}
