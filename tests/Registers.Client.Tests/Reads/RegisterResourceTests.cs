using System.Net;
using System.Text.Json;
using Registers.Client.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// A register resource is read as its type declares it: what every register has (domain, sizes, log key, checkpoint)
/// must be there and not null, or the answer is no register resource; what a register may lack may be left out.
/// </summary>
public sealed class RegisterResourceTests
{
    private const string Checkpoint = "registers.test/registers/country\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— registers.test AAAAAAA=\n";

    private readonly FakeServer _server = new();

    private RegistersClient Client() => new(new HttpClient(_server) { BaseAddress = new Uri("http://example.test/") });

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"domain":null,"total-records":0,"total-entries":0,"log-key":"registers.test+00000000+AQ","checkpoint":"c"}""")]
    [InlineData("""{"domain":"registers.test","total-records":0,"total-entries":0,"log-key":"registers.test+00000000+AQ"}""")]
    public async Task A_register_resource_without_what_every_register_has_is_a_json_exception(string json)
    {
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.OK, json);

        await Assert.ThrowsAsync<JsonException>(() => Client().GetRegisterAsync("country", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_register_resource_without_what_a_register_may_lack_is_read()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["domain"] = "registers.test", ["total-records"] = 0, ["total-entries"] = 0, ["log-key"] = "registers.test+00000000+AQ", ["checkpoint"] = Checkpoint,
        });
        _server.Answer = (_, _) => FakeServer.Json(HttpStatusCode.OK, json);

        var register = await Client().GetRegisterAsync("country", TestContext.Current.CancellationToken);

        Assert.Equal(("registers.test", Checkpoint), (register.Domain, register.Checkpoint));
        Assert.Null(register.Custodian);
        Assert.Null(register.LastUpdated);
        Assert.Null(register.RegisterRecord);
    }
}
