using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.OpenApi;

/// <summary>What a custodian's writes answer is declared: checked by signing them with a custodian key.</summary>
public sealed class CustodianWriteAnswersTests(CountryWithCustodian country) : IClassFixture<CountryWithCustodian>
{
    [Fact]
    public async Task A_custodian_write_to_a_register_that_does_not_exist_is_a_404_each_write_it_may_make_declares()
    {
        var document = await ReadRequests.DocumentAsync(country.Server.Client);
        using var custodian = country.Server.NewClient(country.Custodian);
        var rsf = new RsfBuilder().User("GB", "2024-01-01T00:00:00Z", """{"country":"GB"}""").ToString();
        var writes = new Dictionary<string, Func<Task<HttpResponseMessage>>>
        {
            ["/registers/{name}/entries"] = () => custodian.PostAsJsonAsync("/registers/cuontry/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } }),
            ["/registers/{name}/rsf"] = () => custodian.LoadAsync("cuontry", rsf),
        };

        foreach (var (path, write) in writes)
        {
            using var response = await write();
            var problem = await response.AssertProblemAsync(404, null);
            Assert.Contains("cuontry", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(document.Paths[path].Operations![HttpMethod.Post].Responses!.ContainsKey("404"), $"POST {path} answers 404 but does not declare it");
        }
    }
}
