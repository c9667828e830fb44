using System.Net.Http.Headers;

namespace Registers.Server.Tests.Support;

/// <summary>Sends RSF to the load endpoint as GOV.UK's media type.</summary>
public static class RsfUpload
{
    public static Task<HttpResponseMessage> LoadAsync(this HttpClient client, string register, string rsf, bool lenient = false) =>
        client.LoadAsync(register, new StringContent(rsf), lenient);

    public static Task<HttpResponseMessage> LoadFileAsync(this HttpClient client, string register, string path, bool lenient = false, CancellationToken cancellation = default) =>
        client.LoadAsync(register, new StreamContent(File.OpenRead(path)), lenient, cancellation);

    private static Task<HttpResponseMessage> LoadAsync(this HttpClient client, string register, HttpContent content, bool lenient, CancellationToken cancellation = default)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
        return client.PostAsync($"/registers/{register}/rsf{(lenient ? "?lenient=true" : "")}", content, cancellation);
    }
}
