using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Registers;

public sealed class RegisterResourceTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/register", "register.json")]
    [InlineData("/registers/country", "register.json")]
    [InlineData("/", "index.json")]
    [InlineData("/registers", "index.json")]
    public Task The_register_and_the_list_of_registers_have_their_shapes(string path, string golden) =>
        Golden.MatchesAsync(_client, path, "Registers/" + golden);

    [Fact]
    public async Task The_register_publishes_the_log_key_that_verifies_its_latest_checkpoint()
    {
        var register = await _client.GetFromJsonAsync<JsonElement>("/registers/country/register");

        var key = VerifierKey.Parse(register.GetProperty("log-key").GetString()!);
        Assert.Equal((await _client.GetStringAsync("/.well-known/registers/log-key")).Trim(), key.ToString());
        Assert.True(new CheckpointVerifier("registers.test/registers/country", key).TryVerify(register.GetProperty("checkpoint").GetString()!, out var checkpoint));
        Assert.Equal(register.GetProperty("total-entries").GetInt64(), checkpoint.Size);
    }

    [Fact]
    public async Task The_register_is_revalidated_by_an_etag_tied_to_both_logs_sizes()
    {
        var first = await _client.GetAsync("/registers/country/register");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/registers/country/register");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        Assert.Equal("\"register-8-11\"", first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Csv_of_the_register_is_not_acceptable()
    {
        var response = await _client.GetAsync("/registers/country/register.csv");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
