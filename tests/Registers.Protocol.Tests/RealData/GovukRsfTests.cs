using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Json;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.RealData;

/// <summary>
/// Every line of the 52 public GOV.UK RSF files (51 registers archived in March 2021 and the
/// openregister-java country fixture) against this implementation: items, hashes, keys, timestamps,
/// leaf bytes (rebuilding every root GOV.UK asserted) and field datatypes.
/// </summary>
public sealed class GovukRsfTests
{
    public static TheoryData<string> Files() => Rsf.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_item_is_canonical_and_hashes_to_what_the_entries_cite(string file)
    {
        var items = new Dictionary<Digest, Item>();
        var cited = new HashSet<Digest>();
        foreach (var line in Rsf.Read(file))
        {
            if (line.Command == "add-item")
            {
                Assert.True(Item.TryCreate(line.Arguments[0], out var item, out var error), $"{file}:{line.LineNumber}: {error.Message}");
                items[item.Hash] = item;
            }
            else if (line.Command == "append-entry")
            {
                foreach (var hash in line.Text(3).Split(';'))
                {
                    var digest = Digest.Parse(hash);
                    Assert.True(items.ContainsKey(digest), $"{file}:{line.LineNumber}: no add-item hashes to {hash}");
                    cited.Add(digest);
                }
            }
        }

        Assert.NotEmpty(items);
        Assert.Equal(items.Count, cited.Count); // no orphan items
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_key_and_timestamp_is_valid(string file)
    {
        var entries = 0;
        foreach (var line in Rsf.Read(file).Where(l => l.Command == "append-entry"))
        {
            Assert.True(EntryLogNames.TryParse(line.Text(0), out var log), $"{file}:{line.LineNumber}: log '{line.Text(0)}'");
            Assert.True(EntryKey.IsValid(log, line.Text(1), out var error), $"{file}:{line.LineNumber}: key '{line.Text(1)}': {error.Message}");
            Assert.True(EntryTimestamp.TryParse(line.Arguments[2], out var timestamp), $"{file}:{line.LineNumber}: timestamp '{line.Text(2)}'");
            Assert.Equal(line.Text(2), timestamp.ToString());
            entries++;
        }

        Assert.True(entries > 0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Leaf_hashes_rebuild_every_root_hash_govuk_asserted(string file)
    {
        // Entry numbers are implicit: the count of user entries so far, plus one.
        var leaves = new List<Digest>();
        var asserted = 0;
        foreach (var line in Rsf.Read(file))
        {
            if (line.Command == "append-entry" && line.Text(0) == "user")
            {
                var entry = new Entry(EntryLog.User, leaves.Count + 1, line.Text(1), EntryTimestamp.Parse(line.Text(2)),
                    [.. line.Text(3).Split(';').Select(Digest.Parse)]);
                leaves.Add(entry.GetLeafHash());
            }
            else if (line.Command == "assert-root-hash")
            {
                Assert.Equal(line.Text(0), NaiveMerkle.Root(leaves).ToString());
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
                Assert.Equal(vectors.GetProperty($"root_{size}").GetString(), NaiveMerkle.Root(leaves.GetRange(0, size)).ToString());
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
        foreach (var line in Rsf.Read(file).Where(l => l.Command == "add-item"))
        {
            Assert.True(JsonCanonicaliser.TryCanonicalise(line.Arguments[0], out var canonical, out var error), error.Message);
            Assert.Equal(line.Text(0), Encoding.UTF8.GetString(canonical));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_user_item_fits_the_fields_its_register_defined_before_it(string file)
    {
        var register = Rsf.RegisterOf(file);
        var schema = new RegisterSchema(register, []);
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        var violations = new List<string>();
        var checkedItems = 0;
        foreach (var line in Rsf.Read(file))
        {
            if (line.Command == "add-item")
            {
                var item = Item.Create(line.Arguments[0]);
                items[item.Hash.ToString()] = item;
                continue;
            }

            if (line.Command != "append-entry")
            {
                continue;
            }

            var key = line.Text(1);
            var entryItem = items[line.Text(3)];
            if (line.Text(0) == "system")
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
            var latest = new Dictionary<(string Log, string Key), Digest[]>();
            foreach (var line in Rsf.Read(file).Where(l => l.Command == "append-entry"))
            {
                var slot = (line.Text(0), line.Text(1));
                Digest[] hashes = [.. line.Text(3).Split(';').Select(Digest.Parse)];
                if (RepeatRule.IsNoOpRepeat(latest.GetValueOrDefault(slot, []), hashes))
                {
                    if (line.Text(0) == "user")
                    {
                        userRepeats.Add($"{Rsf.RegisterOf(file)} {line.Text(1)} {line.Text(2)}");
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
