using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A server listening on https:// with a self-signed certificate of its own, where clients speak HTTP/2 (negotiated in TLS,
/// as browsers and .NET's client do), and a client that speaks only HTTP/2 and trusts that one certificate.
/// </summary>
public sealed class Http2Server(PostgresCluster cluster) : IAsyncLifetime
{
    private const string Password = "test-only";
    private readonly string _folder = Directory.CreateTempSubdirectory("registers-certificate-").FullName;
    private string _thumbprint = "";

    public RunningServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _thumbprint = certificate.Thumbprint;
        var file = Path.Combine(_folder, "server.pfx");
        await File.WriteAllBytesAsync(file, certificate.Export(X509ContentType.Pfx, Password));

        Server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = file,
            ["Kestrel:Endpoints:Https:Certificate:Password"] = Password,
        });
    }

    /// <summary>A client that sends every request as HTTP/2, or fails.</summary>
    public HttpClient NewClient() => new(new Http2Only(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 given && given.Thumbprint == _thumbprint },
    }))
    {
        BaseAddress = Server.Address,
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    // A request message says HTTP/1.1 unless told otherwise, whatever the client's default.
    private sealed class Http2Only(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
