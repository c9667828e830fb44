using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;

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
/// <para>Memory: the hash and first line of each distinct item (never its body), and the latest item hash of each key, as
/// the checks need; the trees keep 64 hashes each. A server loading RSF into a stored register starts from the stored
/// <see cref="LogHead"/>s, resolves <see cref="RsfProblemKind.OrphanEntry"/> problems (they carry the item hash) against
/// the items it already holds, and applies its own rules (schema, repeats across the stored history) on top.</para>
/// <para>Not thread-safe: one replay per file.</para>
/// </remarks>
public sealed class RsfReplay
{
    private readonly LogState _user;
    private readonly LogState _system;

    // Every item added: the line of its first add-item times two, plus one once an entry has cited it.
    private readonly Dictionary<Digest, long> _items = [];
    private readonly List<RsfProblem> _raised = [];
    private bool _finished;

    /// <summary>A replay of a register from nothing.</summary>
    public RsfReplay()
        : this(LogHead.Empty, LogHead.Empty)
    {
    }

    /// <summary>A replay that goes on from logs already holding entries: entry numbers, roots and chain hashes continue from there.</summary>
    /// <exception cref="ArgumentException">A head's frontier does not fit its size.</exception>
    public RsfReplay(LogHead user, LogHead system)
    {
        _user = new LogState(user);
        _system = new LogState(system);
    }

    /// <summary>The number of distinct items added.</summary>
    public int Items => _items.Count;

    /// <summary>The number of entries in <paramref name="log"/>.</summary>
    public ulong Entries(EntryLog log) => State(log).Size;

    /// <summary>The RFC 6962 root of <paramref name="log"/>: for <see cref="EntryLog.User"/>, the root GOV.UK published and <c>assert-root-hash</c> asserts.</summary>
    public Digest Root(EntryLog log) => State(log).Root();

    /// <summary>The chain hash of the last entry of <paramref name="log"/>.</summary>
    public Digest ChainHash(EntryLog log) => State(log).ChainHash;

    /// <summary>Where <paramref name="log"/> stands, to store and resume from.</summary>
    public LogHead Head(EntryLog log) => State(log).Head();

    /// <summary>Applies one command; returns the problems it raised (valid until the next call; copy what must be kept).</summary>
    /// <exception cref="InvalidOperationException">The replay has been finished.</exception>
    public ReadOnlySpan<RsfProblem> Apply(in RsfCommand command)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The replay has been finished.");
        }

        _raised.Clear();
        switch (command.Kind)
        {
            case RsfCommandKind.AddItem:
                AddItem(command);
                break;
            case RsfCommandKind.AppendEntry:
                AppendEntry(command);
                break;
            case RsfCommandKind.AssertRootHash:
                AssertRootHash(command);
                break;
            default:
                _raised.Add(command.Problem ?? new RsfProblem(command.LineNumber, RsfProblemKind.WrongFieldCount, "malformed line"));
                break;
        }

        return CollectionsMarshal.AsSpan(_raised);
    }

    /// <summary>Ends the replay: returns an <see cref="RsfProblemKind.OrphanItem"/> for each item no entry cited, in line order.</summary>
    /// <remarks>Idempotent; <see cref="Apply"/> may not be called afterwards.</remarks>
    public ReadOnlySpan<RsfProblem> Finish()
    {
        _raised.Clear();
        foreach (var (hash, mark) in _items)
        {
            if ((mark & 1) == 0)
            {
                _raised.Add(new RsfProblem(mark >> 1, RsfProblemKind.OrphanItem, $"item {hash} is cited by no append-entry", ItemHash: hash));
            }
        }

        _raised.Sort((a, b) => a.Line.CompareTo(b.Line));
        _finished = true;
        return CollectionsMarshal.AsSpan(_raised);
    }

    private LogState State(EntryLog log) => log == EntryLog.User ? _user : _system;

    private void AddItem(in RsfCommand command)
    {
        var hash = Item.HashOf(command.ItemJson.Span);
        ref var mark = ref CollectionsMarshal.GetValueRefOrAddDefault(_items, hash, out var seen);
        if (!seen)
        {
            mark = command.LineNumber << 1;
            return;
        }

        _raised.Add(new RsfProblem(command.LineNumber, RsfProblemKind.DuplicateItem,
            $"item {hash} was already added on line {mark >> 1}", ItemHash: hash));
    }

    private void AppendEntry(in RsfCommand command)
    {
        var hashes = command.ItemHashes.Span;
        foreach (var hash in hashes)
        {
            ref var mark = ref CollectionsMarshal.GetValueRefOrNullRef(_items, hash);
            if (Unsafe.IsNullRef(ref mark))
            {
                _raised.Add(new RsfProblem(command.LineNumber, RsfProblemKind.OrphanEntry,
                    $"append-entry cites item {hash}, which no add-item before it added", ItemHash: hash));
            }
            else
            {
                mark |= 1;
            }
        }

        var key = command.Key.Span;
        if (State(command.Log).Append(key, command.Timestamp, hashes))
        {
            _raised.Add(new RsfProblem(command.LineNumber, RsfProblemKind.RepeatedEntry,
                $"{command.Log.ToWireName()} entry for key '{key}' gives it the item it already has (a no-op)", ItemHash: hashes[0]));
        }
    }

    private void AssertRootHash(in RsfCommand command)
    {
        var computed = _user.Root();
        if (computed != command.RootHash)
        {
            _raised.Add(new RsfProblem(command.LineNumber, RsfProblemKind.RootMismatch,
                $"assert-root-hash {command.RootHash} does not hold: the {_user.Size} user entries so far have root {computed}",
                "assert-root-hash\t".Length + 1));
        }
    }
}
