using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A write's one precondition is <c>If-Match</c>. Any other (<c>If-None-Match</c>, <c>If-Unmodified-Since</c>, ...) was
/// dropped unseen and the write applied unguarded, though its sender asked for it only on a condition: it is refused
/// (400, naming the header), and nothing is written.
/// </summary>
public sealed class UntakenPreconditionTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Theory]
    [InlineData("If-None-Match", "\"size-0\"")]
    [InlineData("If-None-Match", "*")]
    [InlineData("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")]
    [InlineData("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")]
    [InlineData("If-Range", "\"size-0\"")]
    public async Task An_append_with_a_precondition_writes_do_not_take_is_400_naming_it_and_writes_nothing(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } }),
        };
        Assert.True(request.Headers.TryAddWithoutValidation(header, value));

        var problem = await (await Server.Client.SendAsync(request)).AssertProblemAsync(400, header);

        Assert.Contains("If-Match", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }
}
