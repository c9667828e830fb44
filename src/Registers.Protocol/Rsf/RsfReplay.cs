using System.Runtime.InteropServices;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf.Checks;
using Registers.Protocol.Rsf.Spill;

namespace Registers.Protocol.Rsf;

/// <summary>
/// Replays RSF commands as a pure state machine: numbers the entries of each log, folds their leaf hashes into each
/// log's Merkle tree and chain hash, and checks the rules of the format as it goes. <see cref="Apply"/> takes one
/// command and returns the problems it raised; <see cref="Finish"/> ends the file and returns what only the end shows.
/// </summary>
/// <remarks>
/// <para>Checks: every item an entry cites was added before it (<see cref="RsfProblemKind.OrphanEntry"/>); every added
/// item is cited by the end (<see cref="RsfProblemKind.OrphanItem"/>); every <c>assert-root-hash</c> equals the RFC 6962
/// root of the user entries so far (<see cref="RsfProblemKind.RootMismatch"/>); malformed lines are errors. Re-adding an
/// item and an entry that repeats its key's item(s) are warnings: GOV.UK's own history has both, and a replay of it must
/// still reach the roots GOV.UK published.</para>
/// <para>Memory: the item and repeat checks keep the hash and first line of each distinct item (never its body) and the
/// latest item hashes of each key, within a memory budget shared between them; the trees keep 64 hashes each. When a
/// check would pass the budget, it goes on on disk instead, in files in a private folder of the system's temporary
/// directory: what it knows and every later line it cares about are written there, partitioned by item hash or by key,
/// and checked partition by partition at <see cref="Finish"/>. Its problems on the lines from then on are then returned
/// by <see cref="Finish"/> rather than by <see cref="Apply"/>: the same problems, with the same lines and messages. The
/// files are deleted by <see cref="Finish"/> and by <see cref="Dispose"/>, which a replay that is not finished needs.</para>
/// <para>A server loading RSF into a stored register starts from the stored <see cref="LogHead"/>s, resolves
/// <see cref="RsfProblemKind.OrphanEntry"/> problems (they carry the item hash) against the items it already holds, and
/// applies its own rules (schema, repeats across the stored history) on top.</para>
/// <para>Not thread-safe: one replay per file.</para>
/// </remarks>
public sealed class RsfReplay : IDisposable
{
    /// <summary>The memory the item and repeat checks may hold before they go on on disk: 16 MiB, some 100,000 entries with their items.</summary>
    public const long DefaultMemoryBudget = 16L * 1024 * 1024;

    private readonly SpillFolder _spill = new();
    private readonly ItemLedger _items;
    private readonly LogState _user;
    private readonly LogState _system;
    private readonly List<RsfProblem> _raised = [];
    private RsfProblem[]? _finishProblems;
    private bool _finished;

    /// <summary>A replay of a register from nothing.</summary>
    public RsfReplay()
        : this(LogHead.Empty, LogHead.Empty)
    {
    }

    /// <summary>A replay that goes on from logs already holding entries: entry numbers, roots and chain hashes continue from there.</summary>
    /// <exception cref="ArgumentException">A head's frontier does not fit its size.</exception>
    public RsfReplay(LogHead user, LogHead system)
        : this(user, system, DefaultMemoryBudget)
    {
    }

    /// <summary>A replay that goes on from logs already holding entries, whose checks keep at most <paramref name="memoryBudget"/> bytes in memory.</summary>
    /// <exception cref="ArgumentException">A head's frontier does not fit its size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="memoryBudget"/> is negative.</exception>
    public RsfReplay(LogHead user, LogHead system, long memoryBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBudget);
        var budget = new MemoryBudget(memoryBudget);
        _items = new ItemLedger(budget, _spill);
        _user = new LogState(user, new KeyLedger(EntryLog.User, budget, _spill));
        _system = new LogState(system, new KeyLedger(EntryLog.System, budget, _spill));
    }

    /// <summary>The number of distinct items added. Once the item check has gone on on disk, they are counted by <see cref="Finish"/>: until then, this is 0.</summary>
    public long Items => _items.Items;

    /// <summary>The number of entries in <paramref name="log"/>.</summary>
    public ulong Entries(EntryLog log) => State(log).Size;

    /// <summary>The RFC 6962 root of <paramref name="log"/>: for <see cref="EntryLog.User"/>, the root GOV.UK published and <c>assert-root-hash</c> asserts.</summary>
    public Digest Root(EntryLog log) => State(log).Root();

    /// <summary>The chain hash of the last entry of <paramref name="log"/>.</summary>
    public Digest ChainHash(EntryLog log) => State(log).ChainHash;

    /// <summary>Where <paramref name="log"/> stands, to store and resume from.</summary>
    public LogHead Head(EntryLog log) => State(log).Head();

    /// <summary>The private folder of the checks' files, once they have gone to disk (for tests).</summary>
    internal string? SpillFolder => _spill.Path;

    /// <summary>Applies one command; returns the problems it raised (valid until the next call; copy what must be kept).</summary>
    /// <exception cref="InvalidOperationException">The replay has been finished.</exception>
    public ReadOnlySpan<RsfProblem> Apply(in RsfCommand command) => command.Kind switch
    {
        RsfCommandKind.AddItem => AddItem(Item.HashOf(command.ItemJson.Span), command.LineNumber),
        RsfCommandKind.AppendEntry => AppendEntry(command.Log, command.Key.Span, command.Timestamp, command.ItemHashes.Span, command.LineNumber),
        RsfCommandKind.AssertRootHash => AssertRootHash(command.RootHash, command.LineNumber),
        _ => Malformed(command.Problem ?? new RsfProblem(command.LineNumber, RsfProblemKind.WrongFieldCount, "malformed line")),
    };

    /// <summary>
    /// Ends the replay: returns, when a check went on on disk, the problems it found on the lines since, in line order,
    /// then an <see cref="RsfProblemKind.OrphanItem"/> for each item no entry cited, in line order.
    /// </summary>
    /// <remarks>Idempotent; <see cref="Apply"/> may not be called afterwards.</remarks>
    public ReadOnlySpan<RsfProblem> Finish()
    {
        if (_finishProblems is null)
        {
            var problems = new InLineOrder();
            FinishInto(problems);
            _finishProblems = problems.ToArray();
        }

        return _finishProblems;
    }

    /// <summary>Deletes the checks' files, if any; a replay need not be finished to be disposed of.</summary>
    public void Dispose()
    {
        _items.Dispose();
        _user.Dispose();
        _system.Dispose();
        _spill.Dispose();
    }

    /// <summary>An add-item whose hash is already known.</summary>
    internal ReadOnlySpan<RsfProblem> AddItem(scoped in Digest hash, long line)
    {
        Start();
        Raise(_items.Add(hash, line));
        return Raised;
    }

    /// <summary>An append-entry; <paramref name="leaf"/> is its leaf hash when already computed for entry number <paramref name="number"/>.</summary>
    internal ReadOnlySpan<RsfProblem> AppendEntry(
        EntryLog log, ReadOnlySpan<char> key, EntryTimestamp timestamp, ReadOnlySpan<Digest> hashes, long line, long number = 0, scoped in Digest leaf = default)
    {
        Start();
        for (var i = 0; i < hashes.Length; i++)
        {
            Raise(_items.Cite(hashes[i], line, i));
        }

        var state = State(log);
        var next = state.NextNumber;
        Raise(state.Append(number == next ? leaf : EntryLeaf.Hash(next, timestamp, key, hashes), key, hashes, line));
        return Raised;
    }

    internal ReadOnlySpan<RsfProblem> AssertRootHash(scoped in Digest asserted, long line)
    {
        Start();
        var computed = _user.Root();
        if (computed != asserted)
        {
            Raise(new RsfProblem(line, RsfProblemKind.RootMismatch,
                $"assert-root-hash {asserted} does not hold: the {_user.Size} user entries so far have root {computed}",
                "assert-root-hash\t".Length + 1));
        }

        return Raised;
    }

    internal ReadOnlySpan<RsfProblem> Malformed(RsfProblem problem)
    {
        Start();
        Raise(problem);
        return Raised;
    }

    /// <summary>Ends the replay, giving <paramref name="late"/> what only the end shows; deletes the checks' files.</summary>
    internal void FinishInto(ILateProblems late)
    {
        _finished = true;
        try
        {
            _items.Finish(late);
            _user.Finish(late);
            _system.Finish(late);
        }
        finally
        {
            Dispose();
        }
    }

    private ReadOnlySpan<RsfProblem> Raised => CollectionsMarshal.AsSpan(_raised);

    private LogState State(EntryLog log) => log == EntryLog.User ? _user : _system;

    private void Start()
    {
        if (_finished)
        {
            throw new InvalidOperationException("The replay has been finished.");
        }

        _raised.Clear();
    }

    private void Raise(RsfProblem? problem)
    {
        if (problem is not null)
        {
            _raised.Add(problem);
        }
    }

    /// <summary>Problems found late, in line order, then items no entry cited, in line order.</summary>
    private sealed class InLineOrder : ILateProblems
    {
        private readonly List<(RsfProblem Problem, int Order)> _late = [];
        private readonly List<RsfProblem> _uncited = [];

        public void Late(RsfProblem problem, int order) => _late.Add((problem, order));

        public void Uncited(RsfProblem problem) => _uncited.Add(problem);

        public RsfProblem[] ToArray()
        {
            _late.Sort((a, b) => a.Problem.Line != b.Problem.Line ? a.Problem.Line.CompareTo(b.Problem.Line) : a.Order.CompareTo(b.Order));
            _uncited.Sort((a, b) => a.Line.CompareTo(b.Line));
            return [.. _late.Select(late => late.Problem), .. _uncited];
        }
    }
}
