using System.Buffers;
using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Rsf;

public sealed class RsfWriterTests
{
    public static TheoryData<string> Files() => GovukFiles.All();

    [Theory]
    [MemberData(nameof(Files))]
    public void Writing_back_what_was_read_gives_every_govuk_file_byte_for_byte(string file)
    {
        var original = File.ReadAllBytes(GovukFiles.PathOf(file));
        Assert.Equal(original, RoundTrip(original));
    }

    [Fact]
    public void Crlf_line_ends_and_a_missing_last_line_end_come_back_as_they_were()
    {
        var original = Encoding.UTF8.GetBytes(
            "add-item\t{\"a\":\"b\"}\r\nappend-entry\tuser\tk\t2020-01-01T00:00:00Z\tsha-256:" + new string('0', 64) + "\nassert-root-hash\tsha-256:" + new string('f', 64));
        Assert.Equal(original, RoundTrip(original));
    }

    [Fact]
    public void Commands_written_from_values_read_back_as_the_same_values()
    {
        var item = Item.Create("""{"country":"GH","name":"Ghana"}"""u8);
        var other = Digest.Of("other"u8);
        var output = new ArrayBufferWriter<byte>();
        var writer = new RsfWriter(output) { LineEnd = RsfLineEnd.CrLf };
        writer.WriteAddItem(item);
        writer.WriteAppendEntry(EntryLog.System, "field:name", EntryTimestamp.Parse("2016-04-05T13:23:05Z"), [item.Hash, other]);
        writer.WriteAssertRootHash(other);

        Assert.Equal(
            $"add-item\t{item}\r\nappend-entry\tsystem\tfield:name\t2016-04-05T13:23:05Z\t{item.Hash};{other}\r\nassert-root-hash\t{other}\r\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
        var lines = RsfLines.Read(output.WrittenSpan.ToArray());
        Assert.All(lines, line => Assert.Null(line.Problem));
        Assert.Equal([item.Hash, other], lines[1].ItemHashes);
    }

    [Fact]
    public void Invalid_values_and_malformed_lines_are_refused_rather_than_written()
    {
        using var writer = new RsfWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => writer.WriteAppendEntry(EntryLog.User, "no spaces", EntryTimestamp.FromUnixSeconds(0), [Digest.Of([])]));
        Assert.Throws<ArgumentException>(() => writer.WriteAppendEntry(EntryLog.User, "K", EntryTimestamp.FromUnixSeconds(0), []));
        var malformed = RsfCommand.Malformed(new RsfProblem(3, RsfProblemKind.EmptyLine, "empty line"));
        Assert.Throws<ArgumentException>(() => writer.Write(malformed));
    }

    private static byte[] RoundTrip(byte[] rsf)
    {
        var copy = new MemoryStream();
        using (var writer = new RsfWriter(copy, leaveOpen: true))
        using (var reader = new RsfReader(new MemoryStream(rsf)))
        {
            while (reader.Read())
            {
                writer.Write(reader.Current);
            }
        }

        return copy.ToArray();
    }
}
