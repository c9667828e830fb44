using System.Text.Json;

namespace Registers.Server.Tests.Support;

/// <summary>How many entries a register's user log holds, as its register proof says: what a refused write must leave as it was.</summary>
public static class LogSizes
{
    /// <summary>The size of <paramref name="register"/>'s user log.</summary>
    public static async Task<long> UserSizeAsync(this HttpClient client, string register) =>
        (await client.GetFromJsonAsync<JsonElement>($"/registers/{register}/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
