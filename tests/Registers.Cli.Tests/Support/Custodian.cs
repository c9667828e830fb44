using Registers.Cli.Config;
using Registers.Protocol.Checkpoints;

namespace Registers.Cli.Tests.Support;

/// <summary>A custodian's working folder for command tests: a key file, a definition of a small register, and a fake server.</summary>
internal sealed class Custodian : IDisposable
{
    public const string Definition = """
        {"name":"school","title":"School","fields":[
          {"field":"school","datatype":"string","cardinality":"1"},
          {"field":"name","datatype":"string","cardinality":"1"},
          {"field":"start-date","datatype":"datetime","cardinality":"1"},
          {"field":"phases","datatype":"string","cardinality":"n"}]}
        """;

    private readonly SignerKey _key = SignerKey.Generate("custodian.example/alice");

    public Custodian(string register = "school")
    {
        Server = new FakeRegisterServer(register) { Fields = Definition };
        KeyFile = Folder.SecretFile("alice.key", Protocol.Checkpoints.KeyFile.Write(_key));
        DefinitionFile = Folder.File("school.json", Definition);
    }

    public TempFolder Folder { get; } = TempFile.Folder();

    public FakeRegisterServer Server { get; }

    public string KeyFile { get; }

    public string DefinitionFile { get; }

    public CliEnvironment Environment => RegistersCli.Environment(Folder.Path, Server, new Dictionary<string, string> { ["HOME"] = Folder.Path });

    /// <summary>Runs a command with the key, against the fake server, for register <c>school</c>.</summary>
    public CliRun Run(params string[] args) =>
        RegistersCli.Run(Environment, [.. args, "--key", KeyFile, "--server", "http://registers.test", "-r", "school"]);

    public void Dispose()
    {
        _key.Dispose();
        Folder.Dispose();
        Server.Dispose();
    }
}
