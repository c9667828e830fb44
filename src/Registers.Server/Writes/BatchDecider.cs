using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>
/// Decides a batch of proposed entries against a register's head and what storage said about it:
/// every rule is checked, entries are numbered densely after the head, and the result is the events
/// to append. Pure: no I/O, and time comes in as a parameter.
/// </summary>
public static partial class BatchDecider
{
    /// <summary>The longest key stored: keys are ASCII (a byte a character), and this leaves room in an index entry for the register's name.</summary>
    public const int MaxKeyLength = 2_000;

    /// <summary>Decides <paramref name="proposals"/>.</summary>
    /// <param name="head">The register's head, read under its lock.</param>
    /// <param name="context">Fields, records and items read under the same lock.</param>
    /// <param name="proposals">The entries, in order.</param>
    /// <param name="newItems">Items the request brings (stored once, whatever cites them).</param>
    /// <param name="clock">The server's clock: the timestamp of entries that bring none, and how far ahead of it an entry's own may be.</param>
    /// <param name="policy">Whether broken register rules refuse the batch or only warn.</param>
    public static BatchDecision Decide(
        RegisterHead head,
        WriteContext context,
        IReadOnlyList<ProposedEntry> proposals,
        IReadOnlyList<Item> newItems,
        WriteClock clock,
        RulePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(newItems);

        var checks = new EntryChecks(context, policy, clock);
        var logs = new Dictionary<EntryLog, (List<AppendedEntry> Entries, int NewKeys)>();
        for (var i = 0; i < proposals.Count; i++)
        {
            var proposal = proposals[i];
            var isNewKey = checks.Check(i, proposal);
            if (!logs.TryGetValue(proposal.Log, out var batch))
            {
                batch = ([], 0);
            }

            batch.Entries.Add(new AppendedEntry(proposal.Key, proposal.Timestamp ?? clock.Now, proposal.ItemHashes));
            logs[proposal.Log] = (batch.Entries, batch.NewKeys + (isNewKey ? 1 : 0));
        }

        if (checks.Problems.Count > 0)
        {
            return new BatchDecision(checks.Problems, checks.Warnings, [], head);
        }

        var events = new List<object>();
        if (newItems.Count > 0)
        {
            Item[] distinct = [.. newItems.DistinctBy(item => item.Hash)];
            events.Add(AddedItemHashes.Remember(
                new ItemsAdded([.. distinct.Select(item => Encoding.UTF8.GetString(item.Bytes))]), [.. distinct.Select(item => item.Hash.ToArray())]));
        }

        foreach (var (log, batch) in logs.OrderBy(pair => pair.Key))
        {
            var before = head.Log(log);
            var appended = new EntriesAppended(log, before.Size + 1, batch.Entries, before.Chain, before.Frontier, batch.NewKeys);
            head = head.Extend(appended, BatchHashes.Of(appended));
            events.Add(appended);
        }

        return new BatchDecision([], checks.Warnings, events, head);
    }

    /// <summary>The rules, checked entry by entry; the fields and records move as the batch goes on.</summary>
    private sealed partial class EntryChecks(WriteContext context, RulePolicy policy, WriteClock clock)
    {
        private readonly Dictionary<(EntryLog Log, string Key), Digest[]> _records = new(context.Records);
        private RegisterSchema _schema = new(context.Register, context.Fields);

        public List<EntryProblem> Problems { get; } = [];

        public List<EntryProblem> Warnings { get; } = [];

        /// <summary>Checks one entry; returns whether its key had no record before.</summary>
        public bool Check(int index, ProposedEntry proposal)
        {
            var key = proposal.Key;
            var keyIsValid = EntryKey.IsValid(proposal.Log, key, out var keyError);
            if (!keyIsValid)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, key, "key-syntax", $"'{key}' is not a valid {proposal.Log.ToWireName()} key: {keyError.Message}"));
            }

            // Never relaxed, not even for history: a log whose entries are dated after the clock was not made when it says.
            if (proposal.Timestamp is { } timestamp
                && FutureTimestampRule.Refusal(timestamp, clock.Now, clock.Tolerance, "the server's") is { } future)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, key, FutureTimestampRule.Name, "its timestamp " + future));
            }

            if (proposal.ItemHashes.Count == 0)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, key, "no-item", "an entry must cite at least one item"));
            }

            CheckItemsCitedOnce(index, proposal);
            CheckMetadataCitesOneItem(index, proposal);
            if (keyIsValid)
            {
                CheckKeyFitsIndexes(index, proposal);
                CheckLeafFitsBundle(index, proposal);
            }

            foreach (var hash in proposal.ItemHashes)
            {
                if (!context.Items.TryGetValue(hash, out var item))
                {
                    Problems.Add(new EntryProblem(index, proposal.Line, key, "unknown-item", $"item {hash} was never added"));
                }
                else if (context.AddedAfterCited.TryGetValue(hash, out var addedOn) && addedOn > proposal.Line)
                {
                    Problems.Add(new EntryProblem(index, proposal.Line, key, "unknown-item", $"item {hash} is cited before line {addedOn} adds it"));
                }
                else if (proposal.Log == EntryLog.User)
                {
                    CheckUserItem(index, proposal, item);
                }
                else
                {
                    CheckSystemItem(index, proposal, item);
                }
            }

            var recordKey = (proposal.Log, key);
            var isNewKey = !_records.TryGetValue(recordKey, out var previous);
            // A key allowed or revoked again within the second repeats its item too: it is said as what it is, allowed or
            // revoked already, whatever the second.
            var keyChangeBroken = previous is not null && WriteRequest.IsCustodianKeyEntry(proposal) && CheckCustodianKeyChange(index, proposal, previous);
            if (!keyChangeBroken && previous is not null && RepeatRule.IsNoOpRepeat(previous, [.. proposal.ItemHashes]))
            {
                RegisterRule(new EntryProblem(index, proposal.Line, key, "repeat", "the entry repeats the key's current item, so it would change nothing"));
            }

            if (WriteRequest.IsCustodianKeyEntry(proposal) && CheckCustodianKeyItem(index, proposal) && !CheckAdminKeyNotListed(index, proposal, previous))
            {
                CheckKeyIdOfEntry(index, proposal);
                CheckKeyIdTaken(index, proposal, previous);
                CheckRevokedKeyIsListed(index, proposal, previous);
            }

            _records[recordKey] = [.. proposal.ItemHashes];
            return isNewKey;
        }

        /// <summary>
        /// An entry cites each of its items once: the same item twice adds nothing to the record but a second copy of it,
        /// and no GOV.UK register ever had one, so it is refused even in a lenient load (it breaks no register's rule, but
        /// what an entry is).
        /// </summary>
        private void CheckItemsCitedOnce(int index, ProposedEntry proposal)
        {
            if (proposal.ItemHashes.Count < 2)
            {
                return;
            }

            var cited = new HashSet<Digest>();
            foreach (var hash in proposal.ItemHashes.Where(hash => !cited.Add(hash)).Distinct())
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, DuplicateItemRule, $"it cites item {hash} more than once; an entry cites an item once"));
            }
        }

        /// <summary>
        /// A metadata entry (the name, title, custodian, a field's or the register's definition) cites one item: storage and
        /// the reads take the first item of its record alone, so a second would be a definition judged but never in force,
        /// or one in force but never judged. Never relaxed: no GOV.UK register ever had one.
        /// </summary>
        private void CheckMetadataCitesOneItem(int index, ProposedEntry proposal)
        {
            if (proposal.Log == EntryLog.System && MetadataItemShape.IsMetadataKey(proposal.Key) && proposal.ItemHashes.Count > 1)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, OneItemRule, $"it cites {proposal.ItemHashes.Count} items; a metadata entry cites one"));
            }
        }

        private const string OneItemRule = "one-item";

        // Never relaxed, not even for history: a key is in the entries' and records' indexes, whose entries PostgreSQL keeps
        // within a third of a page (some 2,700 bytes, after compression); a longer key fails the commit of every write with it.
        private void CheckKeyFitsIndexes(int index, ProposedEntry proposal)
        {
            if (proposal.Key.Length > MaxKeyLength)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key[..40] + "…", KeyTooLongRule,
                    $"its key is {proposal.Key.Length:N0} characters, more than the {MaxKeyLength:N0} a key may have"));
            }
        }

        private const string KeyTooLongRule = "key-too-long";

        // Never relaxed, not even for history: an entry no bundle can hold would break its bundle for every reader.
        private void CheckLeafFitsBundle(int index, ProposedEntry proposal)
        {
            if (proposal.ItemHashes.Count > 0
                && EntryLeaf.GetLongestLength(proposal.Key, proposal.ItemHashes.Count) is var length and > EntryLeaf.MaxBundledLength)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, LeafTooLongRule,
                    $"its leaf would be up to {length:N0} bytes, more than the {EntryLeaf.MaxBundledLength:N0} an entry bundle holds: cite fewer items, or use a shorter key"));
            }
        }

        private const string LeafTooLongRule = "leaf-too-long";

        private void CheckUserItem(int index, ProposedEntry proposal, Item item)
        {
            if (!_schema.Fields.ContainsKey(_schema.KeyField))
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, "no-fields",
                    $"register '{context.Register}' has no field '{_schema.KeyField}' yet: define its fields (system entries field:*) first"));
                return;
            }

            foreach (var error in ItemValidator.Validate(_schema, proposal.Key, item))
            {
                RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, RuleName(error.Rule), error.Message, error.Field, error.Value));
            }
        }

        private void CheckSystemItem(int index, ProposedEntry proposal, Item item)
        {
            foreach (var (member, detail) in MetadataItemShape.Problems(proposal.Key, item))
            {
                RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, MetadataItemShape.Rule, detail, member));
            }

            if (proposal.Key.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal))
            {
                if (FieldDefinition.TryParse(item, proposal.Key, out var field, out var errors))
                {
                    DefineField(index, proposal, field);
                    return;
                }

                foreach (var error in errors)
                {
                    RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, RuleName(error.Rule), error.Message, error.Field, error.Value));
                }

                // History may hold a definition under the wrong key; the definition itself still counts.
                if (FieldDefinition.TryParse(item, null, out field, out _))
                {
                    DefineField(index, proposal, field);
                }
            }
            else if (proposal.Key == "name" && item.ToString() != $$"""{"name":"{{context.Register}}"}""")
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, "register-name",
                    $"the system entry 'name' must be {{\"name\":\"{context.Register}\"}} in register '{context.Register}'", "name", item.ToString()));
            }
        }

        /// <summary>
        /// Puts a field's definition in force for the entries after it. One making the key field a list is refused, never
        /// relaxed, not even for a lenient load's history: the register could take no entry after it.
        /// </summary>
        private void DefineField(int index, ProposedEntry proposal, FieldDefinition field)
        {
            if (KeyFieldCardinality.Refusal(context.Register, field) is { } refusal)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, KeyFieldCardinality.Rule, refusal, "cardinality", field.Cardinality.ToName()));
            }

            _schema = _schema.WithField(field);
        }

        private const string DuplicateItemRule = "duplicate-item";

        private void RegisterRule(EntryProblem problem) =>
            (policy == RulePolicy.Refuse ? Problems : Warnings).Add(problem);

        private static string RuleName(FieldRule rule) =>
            string.Concat(rule.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
