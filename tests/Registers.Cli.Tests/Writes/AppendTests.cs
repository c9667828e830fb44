using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

public sealed class AppendTests : IDisposable
{
    private readonly Custodian _custodian = new();

    public AppendTests() => _custodian.Server.Preload("add-item\t{\"name\":\"school\"}\nappend-entry\tsystem\tname\t2020-01-01T00:00:00Z\tsha-256:"
        + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{\"name\":\"school\"}"u8)) + "\n");

    public void Dispose() => _custodian.Dispose();

    [Fact]
    public void Field_value_pairs_make_a_canonical_item_with_the_key_field_added_and_repeated_or_semicolon_values_as_a_list()
    {
        var run = _custodian.Run("append", "100001", "name=Leeds School", "phases=primary", "phases=secondary;all-through",
            "start-date=1990-09-01", "--definition", _custodian.DefinitionFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, _custodian.Server.UserSize);
        Assert.Contains("entry: 1\n", run.Out, StringComparison.Ordinal);
        var expected = """{"name":"Leeds School","phases":["primary","secondary","all-through"],"school":"100001","start-date":"1990-09-01"}""";
        Assert.Contains("item: sha-256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected))), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_definition_the_servers_fields_decide_that_a_semicolon_splits_only_a_cardinality_n_field()
    {
        var run = _custodian.Run("append", "100001", "name=D; School", "phases=primary");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = """{"name":"D; School","phases":["primary"],"school":"100001"}""";
        Assert.Contains("item: sha-256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected))), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_definition_an_item_that_breaks_the_servers_fields_is_not_sent()
    {
        var run = _custodian.Run("append", "100001", "name=Leeds School", "colour=blue");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("colour", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void An_append_to_a_register_the_server_does_not_have_sends_nothing_and_says_so()
    {
        _custodian.Server.Fields = null;
        var run = _custodian.Run("append", "100001", "name=Leeds School");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("nothing sent: there is no register 'school'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void An_item_given_as_json_is_canonicalised_before_it_is_sent()
    {
        var run = _custodian.Run("append", "100002", """{ "school": "100002", "name": "York School" }""");

        Assert.Equal(0, run.ExitCode);
        var canonical = """{"name":"York School","school":"100002"}""";
        Assert.Contains("item: sha-256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_that_breaks_the_registers_fields_is_not_sent()
    {
        var run = _custodian.Run("append", "100003", "name=Bath School", "start-date=1990-13-01", "colour=blue", "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Contains("colour", run.Out, StringComparison.Ordinal);
        Assert.Contains("nothing sent", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_idempotency_key_the_server_would_refuse_is_a_usage_error_and_nothing_is_sent()
    {
        var run = _custodian.Run("append", "100006", "name=Hull School", "--idempotency-key", "batch 1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--idempotency-key must be 1 to 128 printable ASCII characters without spaces or commas", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void A_timestamp_in_the_future_is_a_usage_error_and_nothing_is_sent()
    {
        var later = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var run = _custodian.Run("append", "100007", "name=Derby School", "--timestamp", later);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--timestamp {later} is in the future: this machine's clock says ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void A_refusal_from_the_server_exits_1_with_its_problem_and_an_unreachable_server_exits_3()
    {
        _custodian.Server.RefuseWrite = 1;
        var refused = _custodian.Run("append", "100004", "name=Ely School");
        _custodian.Server.LoseAnswersAfter = 0;
        var unreachable = _custodian.Run("append", "100005", "name=Wells School");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the server refused: 422 Entries refused", refused.Error, StringComparison.Ordinal);
        Assert.Contains("  line 2: refused by the fake [fake]", refused.Error, StringComparison.Ordinal);
        Assert.True(unreachable.ExitCode == 3, unreachable.ToString());
        Assert.Contains("cannot reach the server", unreachable.Error, StringComparison.Ordinal);
    }
}
