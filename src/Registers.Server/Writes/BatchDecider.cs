using System.Text;
using Registers.Protocol.Checkpoints;
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
public static class BatchDecider
{
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
    private sealed class EntryChecks(WriteContext context, RulePolicy policy, WriteClock clock)
    {
        private readonly Dictionary<(EntryLog Log, string Key), Digest[]> _records = new(context.Records);
        private RegisterSchema _schema = new(context.Register, context.Fields);

        public List<EntryProblem> Problems { get; } = [];

        public List<EntryProblem> Warnings { get; } = [];

        /// <summary>Checks one entry; returns whether its key had no record before.</summary>
        public bool Check(int index, ProposedEntry proposal)
        {
            var key = proposal.Key;
            if (!EntryKey.IsValid(proposal.Log, key, out var keyError))
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

            foreach (var hash in proposal.ItemHashes)
            {
                if (!context.Items.TryGetValue(hash, out var item))
                {
                    Problems.Add(new EntryProblem(index, proposal.Line, key, "unknown-item", $"item {hash} was never added"));
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

        /// <summary>Checks a custodian-key entry against the key's current item; true when it broke a rule.</summary>
        private bool CheckCustodianKeyChange(int index, ProposedEntry proposal, Digest[] previous)
        {
            if (previous.Length != 1 || proposal.ItemHashes.Count != 1
                || !context.Items.TryGetValue(previous[0], out var current) || !context.Items.TryGetValue(proposal.ItemHashes[0], out var next))
            {
                return false;
            }

            switch (Signatures.CustodianKeyChange.BrokenRule(current, next))
            {
                case Signatures.CustodianKeyChange.AlreadyAllowed:
                    RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.AlreadyAllowed,
                        "the key is allowed already; allowing it again would move its start-date, by which the writes it signed are judged"));
                    return true;
                case Signatures.CustodianKeyChange.AlreadyRevoked:
                    RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.AlreadyRevoked,
                        "the key is revoked already; revoking it again would move its end-date, after which its signatures no longer count"));
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A custodian-key entry cites one item, the Ed25519 key it lists: a signature is checked against the first item of
        /// the record alone, so a second would stand unseen by the key rules, and an item listing no key would take the key's
        /// record away with no end-date to judge its writes by. True when the entry is of that shape (or cites items never
        /// added, which is said already), so the key rules can judge it. Never relaxed, not even for a lenient load's history:
        /// such an entry would stand outside the rules every other key change is judged by.
        /// </summary>
        private bool CheckCustodianKeyItem(int index, ProposedEntry proposal)
        {
            if (proposal.ItemHashes.Count > 1)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.KeyItem,
                    $"it cites {proposal.ItemHashes.Count} items; a custodian-key entry cites one, {CustodianKeyItemShape}"));
                return false;
            }

            if (proposal.ItemHashes is [var hash] && context.Items.TryGetValue(hash, out var item)
                && Signatures.CustodianKeyStore.Parse(item.ToString()) is not { Key.Type: SignatureType.Ed25519 })
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.KeyItem,
                    $"its item lists no Ed25519 key; a custodian-key entry's item is {CustodianKeyItemShape}",
                    Signatures.CustodianKeyStore.KeyAttribute));
                return false;
            }

            return true;
        }

        /// <summary>
        /// A custodian key is listed under its own key id's eight hex digits, where a signature's key id finds it: under
        /// other digits it could never sign, and would take those digits from the key they belong to.
        /// </summary>
        private void CheckKeyIdOfEntry(int index, ProposedEntry proposal)
        {
            if (proposal.ItemHashes.Count == 1 && context.Items.TryGetValue(proposal.ItemHashes[0], out var item)
                && Signatures.CustodianKeyStore.Parse(item.ToString()) is { } listed
                && Signatures.CustodianKeyStore.EntryKeyOf(listed.Key) is var own && own != proposal.Key)
            {
                RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.KeyIdOfEntry,
                    $"the key {listed.Key} is listed under '{own}', the digits of its own key id"));
            }
        }

        /// <summary>
        /// The admin key is no custodian key: an entry allowing or revoking it (its key id's digits, or its public key under
        /// any name) is refused, never relaxed, not even for a lenient load's history: the log would show the admin key
        /// allowed or revoked on one register while it writes every register. One listed before this rule (the record lists
        /// it, unrevoked) may still be revoked, which ends that. True when the entry was refused.
        /// </summary>
        private bool CheckAdminKeyNotListed(int index, ProposedEntry proposal, Digest[]? previous)
        {
            if (context.AdminKey is not { } admin || proposal.ItemHashes is not [var hash] || !context.Items.TryGetValue(hash, out var item)
                || Signatures.CustodianKeyStore.Parse(item.ToString()) is not { } listed
                || (proposal.Key != Signatures.CustodianKeyStore.EntryKeyOf(admin) && !Signatures.AdminKey.Clashes(admin, listed.Key)))
            {
                return false;
            }

            if (listed.Revoked && previous is [var current, ..] && context.Items.TryGetValue(current, out var currentItem)
                && Signatures.CustodianKeyStore.Parse(currentItem.ToString()) is { Revoked: false } before && before.Key.Equals(listed.Key))
            {
                return false;
            }

            Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.KeyIdTaken,
                $"its key id or public key is the admin key's: a request's key id must name one key, and the admin key, which writes every register, is no custodian key to {(listed.Revoked ? "revoke" : "allow")}"));
            return true;
        }

        /// <summary>
        /// A key id names one key: allowing a key under an entry key that lists another key, on this register (whose record
        /// it would replace) or on another (a signature's key id would name both), is refused. Revoking is not: a pair listed
        /// before this rule can still be revoked.
        /// </summary>
        private void CheckKeyIdTaken(int index, ProposedEntry proposal, Digest[]? previous)
        {
            if (proposal.ItemHashes.Count != 1 || !context.Items.TryGetValue(proposal.ItemHashes[0], out var next)
                || Signatures.CustodianKeyStore.Parse(next.ToString()) is not { Revoked: false } allowed)
            {
                return;
            }

            var listedHere = previous is [var hash] && context.Items.TryGetValue(hash, out var current)
                && Signatures.CustodianKeyStore.Parse(current.ToString()) is { } here && !here.Key.Equals(allowed.Key)
                    ? new Signatures.CustodianKeyGrant(context.Register, here.Key, here.Revoked, current.ToString())
                    : null;
            var other = listedHere ?? context.GrantsElsewhere.GetValueOrDefault(proposal.Key)?.FirstOrDefault(grant => !grant.Key.Equals(allowed.Key));
            if (other is not null)
            {
                RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.KeyIdTaken,
                    $"its key id is that of key {other.Key} listed on register '{other.Register}': a request's key id must name one key"));
            }
        }

        /// <summary>
        /// A revocation ends a key's record on this register: one for a key the record does not list (none, another key of
        /// its key id, or no key) would record an end to writes the register never allowed, or take another key's allowance
        /// away with no end-date of its own. Judged on the record's first item, the one signatures are checked against.
        /// </summary>
        private void CheckRevokedKeyIsListed(int index, ProposedEntry proposal, Digest[]? previous)
        {
            if (proposal.ItemHashes.Count != 1 || !context.Items.TryGetValue(proposal.ItemHashes[0], out var next)
                || Signatures.CustodianKeyStore.Parse(next.ToString()) is not { Revoked: true } revoked)
            {
                return;
            }

            var listed = previous is [var hash, ..] && context.Items.TryGetValue(hash, out var current)
                && Signatures.CustodianKeyStore.Parse(current.ToString())?.Key.Equals(revoked.Key) == true;
            if (!listed)
            {
                RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.NeverAllowed,
                    $"it revokes key id {Protocol.HttpSignatures.HttpSignatureKeyIds.Of(revoked.Key)} ({revoked.Key}), which register '{context.Register}' does not list: a revocation ends a key the register allowed"));
            }
        }

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
            if (proposal.Key.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal))
            {
                if (FieldDefinition.TryParse(item, proposal.Key, out var field, out var errors))
                {
                    _schema = _schema.WithField(field);
                    return;
                }

                foreach (var error in errors)
                {
                    RegisterRule(new EntryProblem(index, proposal.Line, proposal.Key, RuleName(error.Rule), error.Message, error.Field, error.Value));
                }

                // History may hold a definition under the wrong key; the definition itself still counts.
                if (FieldDefinition.TryParse(item, null, out field, out _))
                {
                    _schema = _schema.WithField(field);
                }
            }
            else if (proposal.Key == "name" && item.ToString() != $$"""{"name":"{{context.Register}}"}""")
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, "register-name",
                    $"the system entry 'name' must be {{\"name\":\"{context.Register}\"}} in register '{context.Register}'", "name", item.ToString()));
            }
        }

        private const string DuplicateItemRule = "duplicate-item";

        private const string CustodianKeyItemShape =
            "{\"custodian-key\":\"<Ed25519 verifier key name+keyid+base64>\",\"start-date\":\"<time>\"} (with an end-date once revoked)";

        private void RegisterRule(EntryProblem problem) =>
            (policy == RulePolicy.Refuse ? Problems : Warnings).Add(problem);

        private static string RuleName(FieldRule rule) =>
            string.Concat(rule.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
