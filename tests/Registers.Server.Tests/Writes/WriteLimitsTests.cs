using System.Net.Http.Headers;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// The server publishes the limits it holds write bodies to, anonymously and briefly cacheable, so a client can cut its
/// batches to fit before it sends them; the values published are the ones it enforces.
/// </summary>
public sealed class WriteLimitsTests(PostgresCluster cluster)
{
    private const string Path = "/.well-known/registers/write-limits";

    [Fact]
    public async Task The_limits_published_are_those_the_server_is_configured_with()
    {
        await using var server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?>
        {
            ["Registers:MaxBodyBytes"] = "65536",
            ["Registers:MaxRsfBytes"] = "131072",
            ["Registers:MaxEntriesPerWrite"] = "50",
            ["Registers:ConcurrentLoadsPerKey"] = "3",
            ["Registers:ConcurrentBodyBytesPerKey"] = "262144",
        });
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var response = await anonymous.GetAsync(Path, TestContext.Current.CancellationToken);
        var limits = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"max-body-bytes":65536,"max-rsf-bytes":131072,"max-entries-per-write":50,"concurrent-loads-per-key":3,"concurrent-body-bytes-per-key":262144}""",
            JsonSerializer.Serialize(limits));
        Assert.Equal(CacheControlHeaderValue.Parse("public, max-age=60"), response.Headers.CacheControl);
    }

    [Fact]
    public async Task A_server_with_the_default_settings_publishes_the_default_limits()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        var limits = await anonymous.GetFromJsonAsync<JsonElement>(Path, TestContext.Current.CancellationToken);

        Assert.Equal(16L * 1024 * 1024, limits.GetProperty("max-body-bytes").GetInt64());
        Assert.Equal(4L * 1024 * 1024 * 1024, limits.GetProperty("max-rsf-bytes").GetInt64());
        Assert.Equal(10_000, limits.GetProperty("max-entries-per-write").GetInt32());
        Assert.Equal(2, limits.GetProperty("concurrent-loads-per-key").GetInt32());
        Assert.Equal(64L * 1024 * 1024, limits.GetProperty("concurrent-body-bytes-per-key").GetInt64());
    }

    [Fact]
    public async Task The_document_declares_the_byte_limits_as_64_bit_integers_and_the_counts_as_32_bit_ones()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var schema = document.GetProperty("paths").GetProperty(Path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        var properties = schema.GetProperty("properties");
        foreach (var (name, format) in new[] { ("max-body-bytes", "int64"), ("max-rsf-bytes", "int64"), ("max-entries-per-write", "int32"), ("concurrent-loads-per-key", "int32"), ("concurrent-body-bytes-per-key", "int64") })
        {
            // A number, never a string: "type" the one word, not a list that lets a string in, and no string pattern.
            var property = properties.GetProperty(name);
            Assert.Equal(JsonValueKind.String, property.GetProperty("type").ValueKind);
            Assert.Equal("integer", property.GetProperty("type").GetString());
            Assert.Equal(format, property.GetProperty("format").GetString());
            Assert.False(property.TryGetProperty("pattern", out _), $"{name} has a string pattern");
        }
    }
}
