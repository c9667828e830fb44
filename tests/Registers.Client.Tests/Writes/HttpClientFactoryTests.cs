using Microsoft.Extensions.DependencyInjection;
using Registers.Client.Signing;
using Registers.Client.Tests.Support;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Protocol.Items;

namespace Registers.Client.Tests.Writes;

public sealed class HttpClientFactoryTests
{
    [Fact]
    public async Task The_client_registers_as_a_typed_client_with_the_signing_handler_in_its_pipeline()
    {
        using var key = SignerKey.Generate("custodian.example/alice");
        var server = new FakeServer();
        var services = new ServiceCollection();
        services.AddHttpClient<RegistersClient>(http => http.BaseAddress = new Uri("https://registers.example/"))
            .AddHttpMessageHandler(() => new RequestSigningHandler(key))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<RegistersClient>();
        await client.AppendAsync("country", [new NewEntry("GB", Item.FromJson("""{"country":"GB"}"""u8))]);

        var request = Assert.Single(server.Received);
        var verified = new HttpSignatureVerifier([key.VerifierKey], HttpSignaturePolicy.CustodianWrites)
            .Verify(request.Parts(), request.Header("Signature-Input"), request.Header("Signature"), DateTimeOffset.UtcNow);
        Assert.True(verified.IsVerified, verified.ToString());
        Assert.Equal("https://registers.example/registers/country/entries", request.Uri.AbsoluteUri);
    }
}
