using System.Net;
using System.Text;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// A server, broken or hostile, cannot make the client hold more than it asked for: an answer is read up to
/// <see cref="RegistersClientOptions.MaxAnswerBytes"/>, and a history of more entries than the tree it was read at stops there.
/// </summary>
public sealed class BoundedAnswerTests : IDisposable
{
    private const string Key = "100001";
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task An_answer_longer_than_the_limit_is_refused_once_the_limit_is_read()
    {
        // Whitespace before JSON is still JSON: read whole, this answer is a good record.
        var body = new PaddedStream(2 * 1024 * 1024, Encoding.UTF8.GetBytes(Record()));
        var server = new FakeServer { Answer = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) } };
        var client = Client(server, maxAnswerBytes: 1024 * 1024);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetRecordAsync(MemoryLog.Register, Key, 5));

        Assert.Equal(HttpRequestError.ConfigurationLimitExceeded, failure.HttpRequestError);
        Assert.Contains("1,048,576 bytes", failure.Message, StringComparison.Ordinal);
        Assert.InRange(body.Position, 1024 * 1024, 1024 * 1024 + 128 * 1024);
    }

    [Fact]
    public async Task An_answer_declaring_a_length_past_the_limit_is_refused_before_its_body_is_read()
    {
        var body = new PaddedStream(2 * 1024 * 1024, Encoding.UTF8.GetBytes(Record()));
        var server = new FakeServer
        {
            Answer = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) { Headers = { ContentLength = body.Length } } },
        };

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Client(server, maxAnswerBytes: 1024 * 1024).GetRecordAsync(MemoryLog.Register, Key, 5));

        Assert.Equal(HttpRequestError.ConfigurationLimitExceeded, failure.HttpRequestError);
        Assert.Equal(0, body.Position);
    }

    [Fact]
    public async Task An_answer_within_the_limit_is_read_as_before()
    {
        var server = new FakeServer { Answer = (_, _) => FakeServer.Json(HttpStatusCode.OK, Record()) };

        var record = await Client(server, maxAnswerBytes: 1024).GetRecordAsync(MemoryLog.Register, Key, 5);

        Assert.Equal(1, record!.EntryNumber);
    }

    [Fact]
    public async Task A_history_of_more_entries_than_its_tree_holds_stops_at_the_page_that_passes_it()
    {
        // Page after page of 5,000 entries for a tree of 5: the pages would go on for as long as the server liked.
        var page = "[" + string.Join(',', Enumerable.Repeat(Entry(), 5000)) + "]";
        var server = new FakeServer { Answer = (_, count) => count <= 10 ? FakeServer.Json(HttpStatusCode.OK, page) : FakeServer.Json(HttpStatusCode.NotFound, "{\"title\":\"Not Found\"}", "application/problem+json") };

        var failure = await Assert.ThrowsAsync<VerificationException>(() => Client(server).GetRecordHistoryAsync(MemoryLog.Register, Key, 5));

        Assert.Equal(VerificationProblem.WrongAnswer, failure.Problem);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_history_asked_without_a_size_is_read_at_the_registers_size_and_stops_at_the_page_that_passes_it()
    {
        var page = "[" + string.Join(',', Enumerable.Repeat(Entry(), 5000)) + "]";
        const string Register = """{"domain":"registers.test","total-records":1,"total-entries":5,"log-key":"k","checkpoint":"c"}""";
        var server = new FakeServer
        {
            Answer = (request, count) => !request.Uri.AbsolutePath.EndsWith("/entries", StringComparison.Ordinal) ? FakeServer.Json(HttpStatusCode.OK, Register)
                : count <= 10 ? FakeServer.Json(HttpStatusCode.OK, page)
                : FakeServer.Json(HttpStatusCode.NotFound, "{\"title\":\"Not Found\"}", "application/problem+json"),
        };

        var failure = await Assert.ThrowsAsync<VerificationException>(() => Client(server).GetRecordHistoryAsync(MemoryLog.Register, Key));

        Assert.Equal(VerificationProblem.WrongAnswer, failure.Problem);
        Assert.Equal(2, server.Received.Count);
        Assert.Contains("as-of=5&", server.Received[1].Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_stops_coming_ends_with_the_clients_timeout()
    {
        var server = new FakeServer { Answer = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) } };
        var client = new RegistersClient(new HttpClient(server) { BaseAddress = new Uri("http://registers.test/"), Timeout = TimeSpan.FromSeconds(1) });

        var failure = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetRecordAsync(MemoryLog.Register, Key, 5).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.IsType<TimeoutException>(failure.InnerException);
    }

    [Fact]
    public async Task A_body_that_breaks_off_is_read_again_when_reads_are_retried()
    {
        var server = new FakeServer
        {
            Answer = (_, count) => count == 1
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BrokenStream()) }
                : FakeServer.Json(HttpStatusCode.OK, Record()),
        };
        var client = new RegistersClient(new HttpClient(server) { BaseAddress = new Uri("http://registers.test/") },
            new RegistersClientOptions { RetryReads = true, RetryDelay = TimeSpan.FromMilliseconds(1) });

        var record = await client.GetRecordAsync(MemoryLog.Register, Key, 5);

        Assert.Equal(1, record!.EntryNumber);
        Assert.Equal(2, server.Received.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_of_no_bytes_is_refused_by_its_name(long maxAnswerBytes)
    {
        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => new RegistersClientOptions { MaxAnswerBytes = maxAnswerBytes });

        Assert.Equal(nameof(RegistersClientOptions.MaxAnswerBytes), failure.ParamName);
    }

    private static RegistersClient Client(FakeServer server, long maxAnswerBytes = 64 * 1024 * 1024) =>
        new(new HttpClient(server) { BaseAddress = new Uri("http://registers.test/") }, new RegistersClientOptions { MaxAnswerBytes = maxAnswerBytes });

    private string Record() =>
        $$$"""{"{{{Key}}}":{"entry-number":"1","key":"{{{Key}}}","entry-timestamp":"{{{_log.Entry(1).Timestamp}}}","item":[{{{Encoding.UTF8.GetString(_log.Record(1, 5).Items[0].Span)}}}]}}""";

    private string Entry() =>
        $$$"""{"entry-number":"1","key":"{{{Key}}}","entry-timestamp":"{{{_log.Entry(1).Timestamp}}}","item-hash":["{{{_log.Entry(1).ItemHashes[0]}}}"]}""";

    /// <summary>A body that never sends a byte.</summary>
    private sealed class StalledStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    /// <summary>A body whose connection breaks off, as the socket handler reports it.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
    }

    /// <summary><paramref name="padding"/> spaces, then <paramref name="tail"/>; counts what was read of it.</summary>
    private sealed class PaddedStream(long padding, byte[] tail) : Stream
    {
        public override long Position { get; set; }

        public override long Length => padding + tail.Length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count && Position < Length)
            {
                buffer[offset + written++] = Position < padding ? (byte)' ' : tail[Position - padding];
                Position++;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
