using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;

namespace Registers.Server.Writes;

/// <summary>The rules of <c>custodian-key:*</c> system entries, whatever door they come through.</summary>
public static partial class BatchDecider
{
    private sealed partial class EntryChecks
    {
        private const string CustodianKeyItemShape =
            "{\"custodian-key\":\"<Ed25519 verifier key name+keyid+base64>\",\"start-date\":\"<datetime>\"} (with an end-date, not before it, once revoked)";

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
        /// record away with no end-date to judge its writes by. Its dates must be datetimes in order (<see cref="Signatures.CustodianKeyDates"/>).
        /// True when the entry is of that shape (or cites items never added, which is said already), so the key rules can judge it. Never relaxed, not even for a lenient load's history:
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

            if (proposal.ItemHashes is not [var hash] || !context.Items.TryGetValue(hash, out var item))
            {
                return true;
            }

            if (Signatures.CustodianKeyStore.Parse(item.ToString()) is not { Key.Type: SignatureType.Ed25519 })
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.KeyItem,
                    $"its item lists no Ed25519 key; a custodian-key entry's item is {CustodianKeyItemShape}",
                    Signatures.CustodianKeyStore.KeyAttribute));
                return false;
            }

            var wrongDates = Signatures.CustodianKeyDates.Problems(item.ToString());
            foreach (var (member, value, detail) in wrongDates)
            {
                Problems.Add(new EntryProblem(index, proposal.Line, proposal.Key, Signatures.CustodianKeyChange.KeyItem, detail, member, value));
            }

            return wrongDates.Count == 0;
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
    }
}
