using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A client written the way GOV.UK's clients were: it knows only RSF and how many user entries it holds, downloads
/// <c>/download-rsf/{n}</c> patches, checks each patch's <c>assert-root-hash</c> lines against the root of what it
/// holds, and keeps items, both logs and the records it derives from them.
/// </summary>
public sealed class GovukMirror
{
    private readonly Dictionary<string, string> _items = [];
    private readonly CompactRange _tree = new();

    /// <summary>User entries, in order: key, timestamp, item hashes.</summary>
    public List<(string Key, string Timestamp, string[] Hashes)> User { get; } = [];

    /// <summary>System entries, in order, as <c>key TAB timestamp TAB hashes</c>.</summary>
    public List<string> System { get; } = [];

    /// <summary>How many user entries it holds: what it asks the next patch from.</summary>
    public long Size => User.Count;

    /// <summary>Applies one RSF download, checking its root assertions.</summary>
    public void Apply(string rsf)
    {
        foreach (var line in rsf.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            switch (parts[0])
            {
                case "assert-root-hash":
                    Assert.Equal(_tree.Root().ToString(), parts[1]);
                    break;
                case "add-item":
                    _items[Digest.Of(Encoding.UTF8.GetBytes(parts[1])).ToString()] = parts[1];
                    break;
                case "append-entry":
                    var hashes = parts[4].Split(';');
                    Assert.All(hashes, hash => Assert.True(_items.ContainsKey(hash), $"{hash} is cited before it is added"));
                    if (parts[1] == "system")
                    {
                        System.Add(string.Join('\t', parts[2..]));
                        break;
                    }

                    User.Add((parts[2], parts[3], hashes));
                    _tree.Append(EntryLeaf.Hash(User.Count, EntryTimestamp.Parse(parts[3]), parts[2], [.. hashes.Select(Digest.Parse)]));

                    break;
                default:
                    Assert.Fail($"Not an RSF command: {line}");
                    break;
            }
        }
    }

    /// <summary>The records, as GOV.UK's <c>/records.json</c> wrote them.</summary>
    public JsonObject Records()
    {
        var latest = new Dictionary<string, int>();
        for (var i = 0; i < User.Count; i++)
        {
            latest[User[i].Key] = i;
        }

        var records = new JsonObject();
        foreach (var (key, index) in latest)
        {
            var number = (index + 1).ToString(CultureInfo.InvariantCulture);
            records[key] = new JsonObject
            {
                ["index-entry-number"] = number,
                ["entry-number"] = number,
                ["entry-timestamp"] = User[index].Timestamp,
                ["key"] = key,
                ["item"] = new JsonArray([.. User[index].Hashes.Select(hash => JsonNode.Parse(_items[hash]))]),
            };
        }

        return records;
    }
}
