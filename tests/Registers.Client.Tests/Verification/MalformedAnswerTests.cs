using System.Net;
using System.Text;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;

namespace Registers.Client.Tests.Verification;

/// <summary>Answers that are not the protocol's shapes are refused as malformed, whatever is wrong in them: no other exception escapes.</summary>
public sealed class MalformedAnswerTests : IDisposable
{
    private const string Huge = "99999999999999999999"; // digits only, past long.MaxValue
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData("record")]
    [InlineData("entry list")]
    public async Task An_entry_number_too_large_for_any_log_is_a_malformed_answer(string resource)
    {
        var record = Record(resource == "record" ? Huge : "1");
        var entry = Entry(resource == "entry list" ? Huge : "1");
        var server = new FakeServer
        {
            Answer = (request, _) => request.Uri.AbsolutePath switch
            {
                var path when path.EndsWith("/checkpoint", StringComparison.Ordinal) =>
                    new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_log.Checkpoint(5)) },
                var path when path.Contains("/records/", StringComparison.Ordinal) => FakeServer.Json(HttpStatusCode.OK, record),
                var path when path.Contains("/entries/", StringComparison.Ordinal) => FakeServer.Json(HttpStatusCode.OK, entry),
                _ => FakeServer.Json(HttpStatusCode.OK, """{"merkle-audit-path":[]}"""),
            },
        };
        var client = new VerifyingClient(new RegistersClient(new HttpClient(server) { BaseAddress = new Uri("http://registers.test/") }), _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(MemoryLog.Register, "100001"));

        Assert.Equal(VerificationProblem.MalformedAnswer, failure.Problem);
        Assert.StartsWith($"The server's {resource} could not be read", failure.Message, StringComparison.Ordinal);
    }

    // Entry 1 of the log as the server writes it, numbered as given.
    private string Record(string number) =>
        $$$"""{"100001":{"entry-number":"{{{number}}}","key":"100001","entry-timestamp":"{{{_log.Entry(1).Timestamp}}}","item":[{{{Encoding.UTF8.GetString(_log.Record(1, 5).Items[0].Span)}}}]}}""";

    private string Entry(string number) =>
        $$$"""[{"entry-number":"{{{number}}}","key":"100001","entry-timestamp":"{{{_log.Entry(1).Timestamp}}}","item-hash":["{{{_log.Entry(1).ItemHashes[0]}}}"]}]""";
}
