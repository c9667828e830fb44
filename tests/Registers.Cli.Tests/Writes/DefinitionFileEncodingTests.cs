using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

/// <summary>
/// A definition given with <c>--definition</c> is read as <c>create</c> reads it: saved by a Windows editor, with a byte
/// order mark and CRLF line endings, it is the same definition; in another encoding it is refused at its first such byte.
/// </summary>
public sealed class DefinitionFileEncodingTests : IDisposable
{
    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    [Fact]
    public void A_definition_with_a_byte_order_mark_checks_the_item_as_the_same_without_one()
    {
        var definition = _custodian.Folder.File("school-bom.json", "\uFEFF" + Custodian.Definition.ReplaceLineEndings("\r\n"));

        var run = _custodian.Run("append", "100001", "name=Leeds School", "--definition", definition);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void A_definition_not_in_utf8_is_refused_at_its_first_such_byte_and_nothing_is_sent()
    {
        var definition = Path.Combine(_custodian.Folder.Path, "school-latin1.json");
        File.WriteAllBytes(definition, [.. "{\"name\":\"school\",\"title\":\""u8, 0xE9, .. "cole\"}"u8]);

        var run = _custodian.Run("append", "100001", "name=Leeds School", "--definition", definition);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("school-latin1.json is not valid: it is not UTF-8 (at line 1, column 27)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }
}
