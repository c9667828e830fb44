using System.Text;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A JSON write's body is nested at most 64 levels deep, counting its own object. A body nested deeper is 400 "Body nested
/// too deep", naming the limit, wherever the nesting is and however large the body, and nothing is written. It was answered
/// "not valid JSON", then, once that was fixed, by whatever the reader met first: nesting where an object belongs was "not of
/// the expected shape", and the same nesting in a member was one or the other by its depth and the body's size.
/// </summary>
public sealed class DeeplyNestedJsonTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    private const string Entries = "/registers/country/entries";
    private const string Keys = "/registers/country/custodian-keys";

    /// <summary>Where the nesting is: a body with <c>{0}</c> where a value nested <c>depth</c> levels (arrays or objects) goes, and how deep that place is.</summary>
    public static TheoryData<string, string, int, bool, bool> Positions()
    {
        var data = new TheoryData<string, string, int, bool, bool>();
        var places = new (string Path, string Body, int Outer)[]
        {
            (Entries, """{"entries":[{"key":"GB","item":{"country":{0}}}]}""", 4), // an item's value
            (Entries, """{"entries":[{"key":"GB","item":{0}}]}""", 3), // an item
            (Entries, """{"entries":[{"key":"GB","items":[{0}]}]}""", 4), // one of an entry's items
            (Entries, """{"entries":[{0}]}""", 2), // an entry
            (Entries, """{"entries":{0}}""", 1), // the entries
            (Entries, """{"extra":{0},"entries":[{"key":"GB","item":{"country":"GB"}}]}""", 1), // a member not taken
            ("/registers", """{"name":"territory","fields":{0}}""", 1), // a definition's fields
            ("/registers", """{"name":"territory","fields":[{0}]}""", 2), // one of its fields
            ("/registers", """{"name":{0},"fields":[]}""", 1), // its name
            (Keys, """{"key":{0}}""", 1), // a custodian key
        };
        foreach (var (path, body, outer) in places)
        {
            foreach (var objects in new[] { false, true })
            {
                foreach (var large in new[] { false, true })
                {
                    data.Add(path, body, outer, objects, large);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Positions))]
    public async Task A_body_one_level_past_the_limit_or_far_past_it_is_the_same_400_wherever_the_nesting_is_and_whatever_the_size(
        string path, string body, int outer, bool objects, bool large)
    {
        foreach (var depth in new[] { 65 - outer, 10_000 })
        {
            var problem = await (await SendAsync(path, Body(body, depth, objects, large))).AssertProblemAsync(400, null);

            Assert.Equal("Body nested too deep", problem.GetProperty("title").GetString());
            Assert.Contains("at most 64 levels", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(64, problem.GetProperty("max-depth").GetInt32());
        }

        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Positions))]
    public async Task A_body_nested_to_the_limit_is_refused_for_something_else(string path, string body, int outer, bool objects, bool large)
    {
        var problem = await (await SendAsync(path, Body(body, 64 - outer, objects, large))).AssertProblemAsync(400, null);

        Assert.NotEqual("Body nested too deep", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("""{"entries":[{"key":"GB","item":{"country":""", 10_000)] // opened, never closed
    [InlineData("""{"entries":[{"key":"GB","item":{"country":"[[[["},{""", 100)] // never closed, after brackets in a string
    public async Task A_body_cut_short_after_nesting_past_the_limit_is_refused_for_its_depth(string opening, int depth)
    {
        using var content = new StringContent(opening + new string('[', depth), Encoding.UTF8, "application/json");

        var problem = await (await Server.Client.PostAsync(Entries, content)).AssertProblemAsync(400, null);

        Assert.Equal("Body nested too deep", problem.GetProperty("title").GetString());
    }

    private Task<HttpResponseMessage> SendAsync(string path, string body)
    {
        var content = new StringContent(body, Encoding.UTF8, "application/json");
        return path == Keys ? Server.Client.PutAsync(path, content) : Server.Client.PostAsync(path, content);
    }

    /// <summary>The body with a value nested <paramref name="depth"/> levels at its place; large ones start with 40 kB of spaces, past any reader's first buffer.</summary>
    private static string Body(string body, int depth, bool objects, bool large)
    {
        var nested = objects
            ? new StringBuilder().Insert(0, """{"a":""", depth).Append("\"x\"").Append('}', depth).ToString()
            : new string('[', depth) + new string(']', depth);
        return (large ? new string(' ', 40_000) : "") + body.Replace("{0}", nested, StringComparison.Ordinal);
    }
}
