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
        var key = Path.Combine(_folder.Path, "admin.key");
        Assert.Equal(0, RegistersCli.Run(RegistersCli.Environment(_folder.Path), "keygen", "registers.example/admin", "--out", key).ExitCode);
        var file = Path.Combine(_folder.Path, "definition.json");
        File.WriteAllText(file, definition);

        // Nothing listens there: a command that sent anything would end unreachable (3), not refused (1).
        var run = RegistersCli.Run(RegistersCli.Sockets(_folder.Path), "create", "--server", "http://127.0.0.1:9/", "--key", key, file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is not a register definition", run.Error, StringComparison.Ordinal);
    }
}
