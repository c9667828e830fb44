using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Json;
using Registers.Protocol.Rsf;
using Registers.Protocol.Tests.Merkle;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.RealData;

/// <summary>
/// Every line of the 52 public GOV.UK RSF files (51 registers archived in March 2021 and the
/// openregister-java country fixture) against this implementation: items, hashes, keys, timestamps,
/// leaf bytes (rebuilding every root GOV.UK asserted) and field datatypes.
/// </summary>
public sealed class GovukRsfTests
{
    public static TheoryData<string> Files() => GovukFiles.All();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_item_is_canonical_and_hashes_to_what_the_entries_cite(string file)
    {
        var items = new Dictionary<Digest, Item>();
        var cited = new HashSet<Digest>();
        foreach (var line in RsfLines.ReadGovuk(file))
        {
            if (line.Kind == RsfCommandKind.AddItem)
            {
                Assert.True(Item.TryCreate(line.ItemJson, out var item, out var error), $"{file}:{line.Line}: {error.Message}");
                items[item.Hash] = item;
            }
            else if (line.Kind == RsfCommandKind.AppendEntry)
            {
                foreach (var digest in line.ItemHashes)
                {
                    Assert.True(items.ContainsKey(digest), $"{file}:{line.Line}: no add-item hashes to {digest}");
                    cited.Add(digest);
                }
            }
        }

        Assert.NotEmpty(items);
        Assert.Equal(items.Count, cited.Count); // no orphan items
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_line_reads_as_a_command_and_every_timestamp_writes_back_as_read(string file)
    {
        // The reader checks log, key, timestamp and hash syntax; ReadGovuk fails on any malformed line.
        var text = File.ReadAllLines(GovukFiles.PathOf(file));
        var entries = RsfLines.ReadGovuk(file).Where(l => l.Kind == RsfCommandKind.AppendEntry).ToList();
        Assert.All(entries, e => Assert.Equal(text[e.Line - 1].Split('\t')[3], e.Timestamp.ToString()));
        Assert.NotEmpty(entries);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Leaf_hashes_rebuild_every_root_hash_govuk_asserted(string file)
    {
        // Entry numbers are implicit: the count of user entries so far, plus one.
        var leaves = new List<Digest>();
        var asserted = 0;
        foreach (var line in RsfLines.ReadGovuk(file))
        {
            if (line.Kind == RsfCommandKind.AppendEntry && line.Log == EntryLog.User)
            {
                var entry = new Entry(EntryLog.User, leaves.Count + 1, line.Key, line.Timestamp, [.. line.ItemHashes]);
                leaves.Add(entry.GetLeafHash());
            }
            else if (line.Kind == RsfCommandKind.AssertRootHash)
            {
                Assert.Equal(line.RootHash, ReferenceTree.Root([.. leaves]));
                asserted++;
            }
        }

        if (file.StartsWith("orj/", StringComparison.Ordinal))
        {
            // The fixture asserts nothing itself; the specification's proof examples give its roots.
            var vectors = SpecVectors.At("v1_merkle", "country_data_rsf");
            Assert.Equal(vectors.GetProperty("user_entries").GetInt32(), leaves.Count);
            foreach (var size in new[] { 197, 200, 208 })
            {
                Assert.Equal(vectors.GetProperty($"root_{size}").GetString(), ReferenceTree.Root([.. leaves.GetRange(0, size)]).ToString());
            }
        }
        else
        {
            Assert.True(asserted >= 2, "each archive file asserts the empty root and its final root");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_canonicaliser_leaves_every_real_item_unchanged(string file)
    {
        foreach (var line in RsfLines.ReadGovuk(file).Where(l => l.Kind == RsfCommandKind.AddItem))
        {
            Assert.True(JsonCanonicaliser.TryCanonicalise(line.ItemJson, out var canonical, out var error), error.Message);
            Assert.Equal(Encoding.UTF8.GetString(line.ItemJson), Encoding.UTF8.GetString(canonical));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_user_item_fits_the_fields_its_register_defined_before_it(string file)
    {
        _ = TestData.Folder; // skips when the test data is absent, before the placeholder is taken for a register name
        var register = GovukFiles.RegisterOf(file);
        var schema = new RegisterSchema(register, []);
        var items = new Dictionary<Digest, Item>();
        var violations = new List<string>();
        var checkedItems = 0;
        foreach (var line in RsfLines.ReadGovuk(file))
        {
            if (line.Kind == RsfCommandKind.AddItem)
            {
                var item = Item.Create(line.ItemJson);
                items[item.Hash] = item;
                continue;
            }

            if (line.Kind != RsfCommandKind.AppendEntry)
            {
                continue;
            }

            var key = line.Key;
            var entryItem = items[line.ItemHashes[0]];
            if (line.Log == EntryLog.System)
            {
                if (key.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal))
                {
                    if (FieldDefinition.TryParse(entryItem, key, out var field, out var fieldErrors))
                    {
                        Assert.Equal(entryItem, field.ToItem()); // definitions survive a round trip byte for byte
                        schema = schema.WithField(field);
                    }

                    violations.AddRange(fieldErrors.Select(e => $"{register} {key} {e.Field} '{e.Value}' {e.Rule}"));
                }

                continue;
            }

            checkedItems++;
            violations.AddRange(ItemValidator.Validate(schema, key, entryItem)
                .Select(e => $"{register} {key} {e.Field} '{e.Value}' {e.Rule}"));
        }

        Assert.True(checkedItems > 0);
        Assert.Equal(KnownViolations.For(register), violations.Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Repeats_in_real_data_are_exactly_the_known_ones()
    {
        var userRepeats = new List<string>();
        var systemRepeats = 0;
        foreach (var file in Files().Select(row => row.Data))
        {
            var latest = new Dictionary<(EntryLog Log, string Key), Digest[]>();
            foreach (var line in RsfLines.ReadGovuk(file).Where(l => l.Kind == RsfCommandKind.AppendEntry))
            {
                var slot = (line.Log, line.Key);
                var hashes = line.ItemHashes;
                if (RepeatRule.IsNoOpRepeat(latest.GetValueOrDefault(slot, []), hashes))
                {
                    if (line.Log == EntryLog.User)
                    {
                        userRepeats.Add($"{GovukFiles.RegisterOf(file)} {line.Key} {line.Timestamp}");
                    }
                    else
                    {
                        systemRepeats++;
                    }
                }

                latest[slot] = hashes;
            }
        }

        // GOV.UK's logs break the rule: government-service re-appended keys 1171-1173 unchanged, twice,
        // and system logs re-append field and register items (e.g. field:country in country.rsf on
        // 2018-06-07 at 13:17:13 and again at 13:58:15). A replay of old data must accept these.
        Assert.Equal(
            [
                "government-service 1171 2017-08-29T16:23:21Z", "government-service 1172 2017-08-29T16:23:21Z", "government-service 1173 2017-08-29T16:23:21Z",
                "government-service 1171 2017-08-29T16:28:18Z", "government-service 1172 2017-08-29T16:28:18Z", "government-service 1173 2017-08-29T16:28:18Z",
            ],
            userRepeats);
        Assert.Equal(33, systemRepeats);
    }
}
