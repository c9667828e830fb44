using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// What a verified record does not prove, as the README says: an older entry of the key, served as its record, is in
/// the signed log and verifies. Nothing in the client, nor <c>registers audit full</c> (which never reads records),
/// catches it.
/// </summary>
public sealed class StaleRecordTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_older_entry_of_the_key_served_as_its_record_verifies_against_the_latest_checkpoint()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        await live.AppendAsync(("100002", "York High School"));
        var client = new VerifyingClient(live.Reader(new OlderRecord()), live.Trust());

        var record = await client.GetVerifiedRecordAsync(LiveRegister.Name, "100002");

        Assert.Equal((2L, "York School", 3L), (record!.EntryNumber, record.Field("name"), record.Checkpoint.Size));
    }

    /// <summary>A proxy that answers a record as it was one entry earlier, and says it read it at the size asked for.</summary>
    private sealed class OlderRecord : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var asked = request.RequestUri!.ToString();
            if (!asked.Contains("/records/", StringComparison.Ordinal) || !asked.Contains("as-of=", StringComparison.Ordinal))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var size = long.Parse(asked[(asked.IndexOf("as-of=", StringComparison.Ordinal) + 6)..], System.Globalization.CultureInfo.InvariantCulture);
            request.RequestUri = new Uri(asked.Replace($"as-of={size}", $"as-of={size - 1}", StringComparison.Ordinal));
            var response = await base.SendAsync(request, cancellationToken);
            response.Headers.Remove("Register-Tree-Size");
            response.Headers.Add("Register-Tree-Size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
    }
}
