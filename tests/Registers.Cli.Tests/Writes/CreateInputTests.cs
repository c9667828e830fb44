using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

/// <summary>A definition file that is not one is a problem in the input, as the write commands count it: exit 1, nothing sent.</summary>
public sealed class CreateInputTests : IDisposable
{
    private readonly TempFolder _folder = TempFile.Folder();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{\"fields\":[]}")]
    public void A_definition_that_is_not_json_or_has_no_name_is_refused_before_anything_is_sent(string definition)
    {
        var run = Create(System.Text.Encoding.UTF8.GetBytes(definition));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is not a register definition", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_not_in_utf8_is_refused_at_its_first_such_byte_before_anything_is_sent()
    {
        // "Café" saved as Latin-1: its name's é is the byte E9, which UTF-8 never has alone.
        var run = Create([.. "{\"name\":\"caf"u8, 0xE9, .. "\"}"u8]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("definition.json is not a register definition: it is not UTF-8 (at line 1, column 13): save it as UTF-8", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>create</c> of a definition file of <paramref name="definition"/> against an address where nothing listens.</summary>
    private CliRun Create(byte[] definition)
    {
        var key = Path.Combine(_folder.Path, "admin.key");
        Assert.Equal(0, RegistersCli.Run(RegistersCli.Environment(_folder.Path), "keygen", "registers.example/admin", "--out", key).ExitCode);
        var file = Path.Combine(_folder.Path, "definition.json");
        File.WriteAllBytes(file, definition);

        // Nothing listens there: a command that sent anything would end unreachable (3), not refused (1).
        return RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "create", "--server", "http://127.0.0.1:9/", "--key", key, file);
    }
}
