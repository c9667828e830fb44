using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Rsf;

public sealed class RsfReaderTests
{
    private const string Item = """{"country":"GB","name":"United Kingdom"}""";
    private const string Hash = "sha-256:08bef0039a4f0fb52f3a5ce4b97d7927bf159bc254b8881c45d95945617237f6";
    private const string Entry = "append-entry\tuser\tGB\t2010-11-12T13:14:15Z\t" + Hash;

    [Fact]
    public void Reads_the_three_commands_with_their_fields_and_line_numbers()
    {
        var lines = Read($"add-item\t{Item}\n{Entry}\nassert-root-hash\t{Hash}\n");

        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.Line));
        Assert.Equal(RsfCommandKind.AddItem, lines[0].Kind);
        Assert.Equal(Item, Encoding.UTF8.GetString(lines[0].ItemJson));
        Assert.Equal((RsfCommandKind.AppendEntry, EntryLog.User, "GB"), (lines[1].Kind, lines[1].Log, lines[1].Key));
        Assert.Equal(EntryTimestamp.Parse("2010-11-12T13:14:15Z"), lines[1].Timestamp);
        Assert.Equal([Digest.Parse(Hash)], lines[1].ItemHashes);
        Assert.Equal((RsfCommandKind.AssertRootHash, Digest.Parse(Hash)), (lines[2].Kind, lines[2].RootHash));
    }

    [Fact]
    public void Several_item_hashes_are_separated_by_semicolons_as_the_specification_writes_them()
    {
        var other = Digest.Of("other"u8);
        var line = Assert.Single(Read($"append-entry\tsystem\tfield:name\t2010-11-12T13:14:15Z\t{Hash};{other};{Hash}"));
        Assert.Equal([Digest.Parse(Hash), other, Digest.Parse(Hash)], line.ItemHashes);
        Assert.Equal(EntryLog.System, line.Log);
    }

    [Theory]
    [InlineData("\n", RsfProblemKind.EmptyLine, 0)]
    [InlineData("add-entry\tuser\n", RsfProblemKind.UnknownCommand, 1)]
    [InlineData("ADD-ITEM\t{}\n", RsfProblemKind.UnknownCommand, 1)]
    [InlineData("add-item\n", RsfProblemKind.WrongFieldCount, 0)]
    [InlineData("add-item\t{\"a\":\"b\"}\textra\n", RsfProblemKind.WrongFieldCount, 0)]
    [InlineData("append-entry\tuser\tGB\t2010-11-12T13:14:15Z\n", RsfProblemKind.WrongFieldCount, 0)]
    [InlineData("assert-root-hash\n", RsfProblemKind.WrongFieldCount, 0)]
    [InlineData("add-item\t{\"b\":\"1\",\"a\":\"2\"}\n", RsfProblemKind.NonCanonicalItem, 19)]
    [InlineData("add-item\t{\"a\": \"b\"}\n", RsfProblemKind.NonCanonicalItem, 15)]
    [InlineData("add-item\t{\"a\":\"b\"\n", RsfProblemKind.NonCanonicalItem, 18)]
    [InlineData("append-entry\tusers\tGB\t2010-11-12T13:14:15Z\t" + Hash + "\n", RsfProblemKind.InvalidLog, 14)]
    [InlineData("append-entry\tuser\tG B\t2010-11-12T13:14:15Z\t" + Hash + "\n", RsfProblemKind.InvalidKey, 19)]
    [InlineData("append-entry\tuser\t\t2010-11-12T13:14:15Z\t" + Hash + "\n", RsfProblemKind.InvalidKey, 19)]
    [InlineData("append-entry\tsystem\tfield:Name\t2010-11-12T13:14:15Z\t" + Hash + "\n", RsfProblemKind.InvalidKey, 21)]
    [InlineData("append-entry\tuser\tGB\t2010-11-12 13:14:15\t" + Hash + "\n", RsfProblemKind.InvalidTimestamp, 22)]
    [InlineData("append-entry\tuser\tGB\t2010-02-30T13:14:15Z\t" + Hash + "\n", RsfProblemKind.InvalidTimestamp, 22)]
    [InlineData("append-entry\tuser\tGB\t2010-11-12T13:14:15Z\tsha-256:08bef0039a4f\n", RsfProblemKind.InvalidHash, 43)]
    [InlineData("append-entry\tuser\tGB\t2010-11-12T13:14:15Z\tSHA-256:08bef0039a4f0fb52f3a5ce4b97d7927bf159bc254b8881c45d95945617237f6\n", RsfProblemKind.InvalidHash, 43)]
    [InlineData("append-entry\tuser\tGB\t2010-11-12T13:14:15Z\tsha-256:08BEF0039A4F0FB52F3A5CE4B97D7927BF159BC254B8881C45D95945617237F6\n", RsfProblemKind.InvalidHash, 43)]
    [InlineData("append-entry\tuser\tGB\t2010-11-12T13:14:15Z\t" + Hash + ";\n", RsfProblemKind.InvalidHash, 116)]
    [InlineData("append-entry\tuser\tGB\t2010-11-12T13:14:15Z\t" + Hash + "," + Hash + "\n", RsfProblemKind.InvalidHash, 43)]
    [InlineData("assert-root-hash\tsha-256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0" + "\n", RsfProblemKind.InvalidHash, 18)]
    public void A_malformed_line_is_reported_with_its_line_number_and_reading_goes_on(string bad, RsfProblemKind kind, int column)
    {
        var lines = Read($"add-item\t{Item}\n{bad}{Entry}\n");

        Assert.Equal(3, lines.Count);
        var problem = Assert.IsType<RsfProblem>(lines[1].Problem);
        Assert.Equal((RsfCommandKind.Malformed, 2L, kind, column), (lines[1].Kind, problem.Line, problem.Kind, problem.Column));
        Assert.Equal(RsfSeverity.Error, problem.Severity);
        Assert.Equal((RsfCommandKind.AppendEntry, 3L), (lines[2].Kind, lines[2].Line));
    }

    [Fact]
    public void Messages_name_what_is_wrong()
    {
        Assert.Equal("line 1, column 19: item is not canonical JSON: keys must be sorted", Problem("add-item\t{\"b\":\"1\",\"a\":\"2\"}").ToString());
        Assert.Equal("line 1: append-entry takes 4 tab-separated fields after the command (log, key, timestamp and item hashes), found 3",
            Problem("append-entry\tuser\tGB\t2010-11-12T13:14:15Z").ToString());
        Assert.Contains("12 hex digits where SHA-256 has 64", Problem("assert-root-hash\tsha-256:08bef0039a4f").Message, StringComparison.Ordinal);
        Assert.Contains("upper-case hex digits", Problem("assert-root-hash\tsha-256:" + new string('A', 64)).Message, StringComparison.Ordinal);
        Assert.Contains("unknown command 'frobnicate'", Problem("frobnicate\tx").Message, StringComparison.Ordinal);
        Assert.Equal("line 1, column 1: the line starts with a byte order mark (EF BB BF), which RSF does not have: save the file as UTF-8 without one",
            Problem("\uFEFFadd-item\t{}").ToString());
        Assert.Contains("'G\\u0001B'", Problem("append-entry\tuser\tG\u0001B\t2010-11-12T13:14:15Z\t" + Hash).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x64, 0x64, 0x2D, 0x69, 0x74, 0x65, 0x6D, 0x09, 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D }, 16)] // add-item {"a":"<C3 28>"}
    [InlineData(new byte[] { 0x61, 0x64, 0x64, 0xFF, 0x09, 0x78 }, 4)] // add<FF> x
    [InlineData(new byte[] { 0x61, 0x73, 0x73, 0x65, 0x72, 0x74, 0x2D, 0x72, 0x6F, 0x6F, 0x74, 0x2D, 0x68, 0x61, 0x73, 0x68, 0x09, 0xED, 0xA0, 0x80 }, 18)] // a surrogate
    public void Invalid_utf8_is_reported_where_it_starts(byte[] line, int column)
    {
        var problem = Assert.Single(RsfLines.Read(line)).Problem;
        Assert.Equal((RsfProblemKind.InvalidUtf8, 1L, column), (problem?.Kind, problem?.Line, problem?.Column));
    }

    [Fact]
    public void Crlf_line_ends_and_a_missing_last_line_end_are_read_and_remembered()
    {
        using var reader = new RsfReader(new MemoryStream(Encoding.UTF8.GetBytes($"add-item\t{Item}\r\n{Entry}\nassert-root-hash\t{Hash}")));
        var ends = new List<(RsfCommandKind, RsfLineEnd)>();
        while (reader.Read())
        {
            ends.Add((reader.Current.Kind, reader.Current.LineEnd));
        }

        Assert.Equal([(RsfCommandKind.AddItem, RsfLineEnd.CrLf), (RsfCommandKind.AppendEntry, RsfLineEnd.Lf), (RsfCommandKind.AssertRootHash, RsfLineEnd.None)], ends);
    }

    [Fact]
    public void An_empty_input_has_no_lines_and_a_final_line_end_makes_no_extra_line()
    {
        Assert.Empty(Read(""));
        Assert.Single(Read($"{Entry}\n"));
        Assert.Equal(2, Read($"{Entry}\n\n").Count);
    }

    [Fact]
    public void A_line_over_the_limit_is_skipped_without_being_held_and_reading_goes_on()
    {
        var options = new RsfReaderOptions { MaxLineLength = 200 }; // the entry line is 114 bytes
        var longLine = "add-item\t{\"a\":\"" + new string('x', 1_000_000) + "\"}";
        var lines = RsfLines.Read(Encoding.UTF8.GetBytes($"{Entry}\n{longLine}\n{Entry}\n{longLine}"), options);

        Assert.Equal([RsfCommandKind.AppendEntry, RsfCommandKind.Malformed, RsfCommandKind.AppendEntry, RsfCommandKind.Malformed], lines.Select(l => l.Kind));
        Assert.Equal([2L, 4L], lines.Where(l => l.Problem is not null).Select(l => l.Problem!.Line));
        Assert.All(lines.Where(l => l.Problem is not null), l => Assert.Equal(RsfProblemKind.LineTooLong, l.Problem!.Kind));
        Assert.Equal(3L, lines[2].Line);
    }

    [Theory]
    [InlineData(100, 101, RsfCommandKind.Malformed)]
    [InlineData(109, 109, RsfCommandKind.AddItem)]
    [InlineData(108, 109, RsfCommandKind.Malformed)]
    public void The_limit_counts_the_bytes_of_the_line_without_its_end(int limit, int lineLength, RsfCommandKind kind)
    {
        var json = "{\"a\":\"" + new string('x', lineLength - 9 - 8) + "\"}";
        Assert.Equal(lineLength, 9 + json.Length);
        var line = Assert.Single(RsfLines.Read(Encoding.UTF8.GetBytes($"add-item\t{json}\r\n"), new RsfReaderOptions { MaxLineLength = limit }));
        Assert.Equal(kind, line.Kind);
    }

    [Fact]
    public void Lines_split_across_many_small_reads_are_read_whole()
    {
        var rsf = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"add-item\t{Item}\r\n{Entry}\n", 2000)));
        using var reader = new RsfReader(new TrickleStream(rsf, 7));
        var count = 0;
        while (reader.Read())
        {
            Assert.NotEqual(RsfCommandKind.Malformed, reader.Current.Kind);
            count++;
        }

        Assert.Equal(4000, count);
        Assert.Equal(rsf.Length, reader.BytesConsumed);
    }

    [Fact]
    public async Task Reads_asynchronously_the_same_lines()
    {
        var rsf = Encoding.UTF8.GetBytes($"add-item\t{Item}\n{Entry}\nbad\n");
        using var reader = new RsfReader(new TrickleStream(rsf, 5));
        var kinds = new List<RsfCommandKind>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            kinds.Add(reader.Current.Kind);
        }

        Assert.Equal([RsfCommandKind.AddItem, RsfCommandKind.AppendEntry, RsfCommandKind.Malformed], kinds);
    }

    private static IReadOnlyList<RsfLine> Read(string rsf) => RsfLines.Read(Encoding.UTF8.GetBytes(rsf));

    private static RsfProblem Problem(string line) => Assert.IsType<RsfProblem>(Assert.Single(Read(line)).Problem);

    /// <summary>Hands out at most a few bytes a read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
