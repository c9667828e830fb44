using System.IO.Pipelines;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;

namespace Registers.Server.Writes;

/// <summary>
/// Loads an RSF stream into a register as one transaction: it reads the stream a line at a time,
/// appends in chunks (each decided and flushed as it goes, so memory holds one chunk, not the file),
/// checks each <c>assert-root-hash</c> against the root computed inside the transaction, and commits
/// only if every line was good. Any problem rolls everything back.
/// </summary>
internal sealed class RsfLoader(LogTransaction transaction, EntryTimestamp now, RulePolicy policy)
{
    /// <summary>Entries and items decided together; big enough to amortise round trips, small enough to hold.</summary>
    private const int ChunkSize = 2_000;

    /// <summary>Problems listed in full; beyond this they are only counted.</summary>
    private const int MaxListedProblems = 100;

    private readonly List<Item> _items = [];
    private readonly List<ProposedEntry> _entries = [];
    private readonly Dictionary<Digest, long> _unreferencedItems = []; // hash -> line, for the orphan check
    private readonly List<EntryProblem> _warnings = [];

    /// <summary>Every problem found (at most <see cref="MaxListedProblems"/> listed).</summary>
    public List<EntryProblem> Problems { get; } = [];

    /// <summary>How many problems there were in all.</summary>
    public int ProblemCount { get; private set; }

    /// <summary>Register rules broken but let through under <see cref="RulePolicy.Warn"/>.</summary>
    public IReadOnlyList<EntryProblem> Warnings => _warnings;

    /// <summary>Reads and appends the whole stream; true when the transaction may be committed.</summary>
    public async Task<bool> LoadAsync(PipeReader body, CancellationToken cancellation)
    {
        using var reader = new RsfReader(body);
        while (await reader.ReadAsync(cancellation))
        {
            var command = reader.Current;
            switch (command.Kind)
            {
                case RsfCommandKind.AddItem:
                    var item = Item.Create(command.ItemJson.Span);
                    _items.Add(item);
                    _unreferencedItems.TryAdd(item.Hash, command.LineNumber);
                    break;
                case RsfCommandKind.AppendEntry:
                    var hashes = command.ItemHashes.ToArray();
                    foreach (var hash in hashes)
                    {
                        _unreferencedItems.Remove(hash);
                    }

                    _entries.Add(new ProposedEntry(command.Log, command.Key.ToString(), command.Timestamp, hashes, command.LineNumber));
                    break;
                case RsfCommandKind.AssertRootHash:
                    await FlushAsync(cancellation);
                    CheckAssertion(command.RootHash, command.LineNumber);
                    break;
                default:
                    var problem = command.Problem!;
                    Report(new EntryProblem(null, problem.Line, "", "rsf-syntax", problem.Message));
                    break;
            }

            if (_items.Count + _entries.Count >= ChunkSize)
            {
                await FlushAsync(cancellation);
            }
        }

        await FlushAsync(cancellation);
        foreach (var (hash, line) in _unreferencedItems.OrderBy(pair => pair.Value))
        {
            Report(new EntryProblem(null, line, "", "orphan-item", $"item {hash} is added but no entry cites it"));
        }

        return ProblemCount == 0;
    }

    private async Task FlushAsync(CancellationToken cancellation)
    {
        // After the first problem, lines are still read (to report every bad one) but nothing more is appended.
        if (ProblemCount == 0 && (_entries.Count > 0 || _items.Count > 0))
        {
            var decision = (await transaction.AppendAsync([new WriteRequest([.. _entries], [.. _items], policy)], now, cancellation))[0];
            var batch = decision switch
            {
                WriteDecision.Accepted accepted => accepted.Batch,
                WriteDecision.Refused refused => refused.Batch,
                _ => throw new InvalidOperationException($"A chunk of a load carries no key or size; got {decision}."),
            };

            // Positions within a chunk mean nothing to the sender; the RSF line says where.
            foreach (var problem in batch.Problems)
            {
                Report(problem with { Entry = null });
            }

            _warnings.AddRange(batch.Warnings.Select(warning => warning with { Entry = null }));
        }

        _entries.Clear();
        _items.Clear();
    }

    private void CheckAssertion(Digest asserted, long line)
    {
        var computed = transaction.Head.User.Root;
        if (ProblemCount == 0 && asserted != computed)
        {
            Report(new EntryProblem(null, line, "", "assert-root-hash",
                $"the file asserts root {asserted} after {transaction.Head.User.Size} user entries, but they give {computed}"));
        }
    }

    private void Report(EntryProblem problem)
    {
        ProblemCount++;
        if (Problems.Count < MaxListedProblems)
        {
            Problems.Add(problem);
        }
    }
}
