using System.Net;
using System.Text;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;

namespace Registers.Client.Tests.Verification;

/// <summary>A record that cannot be the one asked for, at the checkpoint's size, is refused before anything else is fetched.</summary>
public sealed class WrongRecordTests : IDisposable
{
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData("100002", "1")] // another key
    [InlineData("100001", "0")] // no entry has number 0
    [InlineData("100001", "6")] // past the checkpoint's tree of 5
    public async Task A_record_of_another_key_or_of_no_entry_of_the_tree_is_a_wrong_answer(string key, string number)
    {
        var fetched = new List<string>();
        var server = new FakeServer
        {
            Answer = (request, _) =>
            {
                fetched.Add(request.Uri.AbsolutePath);
                return request.Uri.AbsolutePath.EndsWith("/checkpoint", StringComparison.Ordinal)
                    ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_log.Checkpoint(5)) }
                    : FakeServer.Json(HttpStatusCode.OK, Record(key, number));
            },
        };
        var client = new VerifyingClient(new RegistersClient(new HttpClient(server) { BaseAddress = new Uri("http://registers.test/") }), _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(MemoryLog.Register, "100001"));

        Assert.Equal(VerificationProblem.WrongAnswer, failure.Problem);
        Assert.Contains($"'{key}' (entry {number})", failure.Actual, StringComparison.Ordinal);
        Assert.DoesNotContain(fetched, path => path.Contains("/entries/", StringComparison.Ordinal) || path.Contains("/proof/", StringComparison.Ordinal));
    }

    // Entry 1's item, under the key and entry number given.
    private string Record(string key, string number) =>
        $$$"""{"{{{key}}}":{"entry-number":"{{{number}}}","key":"{{{key}}}","entry-timestamp":"{{{_log.Entry(1).Timestamp}}}","item":[{{{Encoding.UTF8.GetString(_log.Record(1, 5).Items[0].Span)}}}]}}""";
}
