using System.Text;
using Registers.Protocol.Items;

namespace Registers.Server.Tests.Support;

/// <summary>Writes small RSF files for tests: items given as canonical JSON, each added before the entry that first cites it.</summary>
public sealed class RsfBuilder
{
    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _added = [];

    /// <summary>Appends a system entry.</summary>
    public RsfBuilder System(string key, string timestamp, params string[] items) => Entry("system", key, timestamp, items);

    /// <summary>Appends a user entry.</summary>
    public RsfBuilder User(string key, string timestamp, params string[] items) => Entry("user", key, timestamp, items);

    /// <summary>
    /// <paramref name="count"/> user entries <c>k0</c>, <c>k1</c>, ..., each with an item of its own holding a note of
    /// <paramref name="noteBytes"/> bytes: few lines, many bytes.
    /// </summary>
    public static RsfBuilder LargeItems(int count, int noteBytes)
    {
        var rsf = new RsfBuilder();
        for (var i = 0; i < count; i++)
        {
            rsf.User($"k{i}", "2024-01-01T00:00:00Z", $"{{\"note\":\"{new string((char)('a' + (i % 26)), noteBytes)}\",\"thing\":\"k{i}\"}}");
        }

        return rsf;
    }

    /// <summary>The RSF text.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>The hash of a canonical item, as RSF and the API write it.</summary>
    public static string HashOf(string canonicalJson) => Item.Create(Encoding.UTF8.GetBytes(canonicalJson)).Hash.ToString();

    private RsfBuilder Entry(string log, string key, string timestamp, string[] items)
    {
        foreach (var item in items.Where(_added.Add))
        {
            _text.Append("add-item\t").Append(item).Append('\n');
        }

        _text.Append($"append-entry\t{log}\t{key}\t{timestamp}\t{string.Join(';', items.Select(HashOf))}\n");
        return this;
    }
}
