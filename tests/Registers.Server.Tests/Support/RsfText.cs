using System.Text;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf;

namespace Registers.Server.Tests.Support;

/// <summary>An RSF file of the register <c>pipeline</c> written line by line, counting its lines.</summary>
/// <param name="fillerPrefix">Starts the keys <see cref="FillTo"/> makes, so that two files for one register fill with keys of their own.</param>
internal sealed class RsfText(string fillerPrefix = "k")
{
    private const string Time = "2025-01-01T00:00:00Z";

    private readonly StringBuilder _text = new();
    private int _filler;

    public int Lines { get; private set; }

    public void Header()
    {
        Entry("system", "name", Item("""{"name":"pipeline"}"""));
        Entry("system", "field:pipeline", Item("""{"cardinality":"1","datatype":"string","field":"pipeline","text":"The key."}"""));
        Entry("system", "field:name", Item("""{"cardinality":"1","datatype":"string","field":"name","text":"A name."}"""));
    }

    /// <summary>Adds new keys, an item and an entry each, up to <paramref name="lines"/> lines (one short when it cannot be exact).</summary>
    public void FillTo(int lines)
    {
        while (Lines + 2 <= lines)
        {
            var key = $"{fillerPrefix}{++_filler}";
            Entry("user", key, Item($$"""{"name":"{{key}}","pipeline":"{{key}}"}"""));
        }
    }

    public string Item(string json)
    {
        Line($"add-item\t{json}");
        return json;
    }

    public void Entry(string log, string key, string itemJson) => Entry(log, key, [itemJson]);

    public void Entry(string log, string key, IEnumerable<string> itemJsons) =>
        Line($"append-entry\t{log}\t{key}\t{Time}\t{string.Join(';', itemJsons.Select(json => Digest.Of(Encoding.UTF8.GetBytes(json))))}");

    public RsfReplay Replay()
    {
        var replay = new RsfReplay();
        using var reader = new RsfReader(new MemoryStream(Encoding.UTF8.GetBytes(ToString())));
        while (reader.Read())
        {
            replay.Apply(reader.Current);
        }

        return replay;
    }

    public override string ToString() => _text.ToString();

    /// <summary>Adds <paramref name="line"/> as it is, good RSF or not.</summary>
    public void Line(string line)
    {
        _text.Append(line).Append('\n');
        Lines++;
    }
}
