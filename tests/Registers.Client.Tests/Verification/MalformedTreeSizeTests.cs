using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// A record's <c>Register-Tree-Size</c> is the server saying which tree it read the record at, checked against the
/// checkpoint's. One that says nothing readable (not a number, a negative one, several) is not the API's answer: it is
/// refused as a malformed answer, as an unreadable body is, rather than taken as if the server had said nothing.
/// </summary>
public sealed class MalformedTreeSizeTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("three")]
    [InlineData("-2")]
    [InlineData("+2")]
    [InlineData("2", "2")]
    [InlineData("2", "1")]
    [InlineData("")]
    public async Task A_record_whose_tree_size_header_cannot_be_read_is_refused(params string[] values)
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        var client = new VerifyingClient(live.Reader(new TreeSizeHeader(values)), live.Trust());

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(LiveRegister.Name, "100002"));

        Assert.Equal(VerificationProblem.MalformedAnswer, failure.Problem);
        Assert.Contains("Register-Tree-Size", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_without_the_header_is_checked_by_its_proof_alone()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        var client = new VerifyingClient(live.Reader(new TreeSizeHeader([])), live.Trust());

        var record = await client.GetVerifiedRecordAsync(LiveRegister.Name, "100002");

        Assert.Equal((2L, "York School"), (record!.EntryNumber, record.Field("name")));
    }

    /// <summary>A proxy that answers records with <paramref name="values"/> as their <c>Register-Tree-Size</c>, one header line each.</summary>
    private sealed class TreeSizeHeader(string[] values) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.Contains("/records/", StringComparison.Ordinal))
            {
                response.Headers.Remove("Register-Tree-Size");
                foreach (var value in values)
                {
                    response.Headers.TryAddWithoutValidation("Register-Tree-Size", value);
                }
            }

            return response;
        }
    }
}
