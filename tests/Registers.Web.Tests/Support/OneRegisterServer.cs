using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Registers.Protocol.Items;
using Registers.Server.Tests.Support;

namespace Registers.Web.Tests.Support;

/// <summary>
/// A server of its own, not seeded, holding one register whose key field is named as it is, with string
/// <paramref name="fields"/> (a name ending in "[]" is a list) and the records <paramref name="items"/> (key, canonical item JSON).
/// Its title is <paramref name="title"/>, or its name.
/// </summary>
public abstract class OneRegisterServer(PostgresCluster cluster, string register, string[] fields, (string Key, string Item)[] items, string? title = null)
    : IAsyncLifetime
{
    private RunningServer _server = null!;

    public Uri Address => _server.Address;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        var definition = new
        {
            name = register,
            title = title ?? register,
            custodian = "Jane Doe",
            description = "A register for the page's tests",
            fields = fields.Prepend(register).Select(field => new
            {
                field = field.TrimEnd('[', ']'),
                datatype = "string",
                cardinality = field.EndsWith("[]", StringComparison.Ordinal) ? "n" : "1",
                text = field,
            }),
        };
        (await _server.Client.PostAsJsonAsync("/registers", definition)).EnsureSuccessStatusCode();
        var rsf = new StringBuilder();
        foreach (var (key, item) in items)
        {
            rsf.Append($"add-item\t{item}\nappend-entry\tuser\t{key}\t2026-01-01T00:00:00Z\t{Item.Create(Encoding.UTF8.GetBytes(item)).Hash}\n");
        }

        using var content = new StringContent(rsf.ToString());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
        using var response = await _server.Client.PostAsync($"/registers/{register}/rsf", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
