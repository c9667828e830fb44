using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;
using static Registers.Cli.Tests.Files.PlainFileProblem;

namespace Registers.Cli.Tests.Files;

/// <summary>
/// A path given where a file is wanted that is a directory, or lies in a folder that does not exist: every command says
/// so in one line naming the path, exits 2, and leaves nothing behind, instead of the runtime's own message.
/// </summary>
public sealed class UnusablePathTests : IDisposable
{
    // Nothing listens there: a command that asked the server anything would end unreachable (3), not with 2.
    private const string NoServer = "http://127.0.0.1:9/";

    private readonly TempFolder _folder = TempFile.Folder();
    private readonly string _key;
    private readonly string _logKey;

    public UnusablePathTests()
    {
        using var key = SignerKey.Generate("registers.example/admin");
        _key = _folder.SecretFile("admin.key", KeyFile.Write(key));
        _logKey = _folder.File("log-key.pub", key.VerifierKey + "\n");
        _folder.File("school.json", Custodian.Definition);
        _folder.File("schools.csv", "school,name\n100001,Leeds School\n");
    }

    public void Dispose() => _folder.Dispose();

    private string Directory => System.IO.Directory.CreateDirectory(Path.Combine(_folder.Path, "a-folder")).FullName;

    private string MissingFolder => Path.Combine(_folder.Path, "no-such-folder");

    [Theory]
    [InlineData("read", "verify PATH")]
    [InlineData("read", "load -r school --server SERVER --key KEY PATH")]
    [InlineData("read", "import -r school --server SERVER --key KEY --definition school.json PATH")]
    [InlineData("read", "import -r school --server SERVER --key KEY --definition PATH schools.csv")]
    [InlineData("read", "append -r school --server SERVER --key KEY --definition PATH 100001 name=Leeds")]
    [InlineData("read", "create --server SERVER --key KEY PATH")]
    [InlineData("read", "append -r school --server SERVER --key PATH 100001 name=Leeds")]
    [InlineData("read", "status -r school --server SERVER --profile PATH")]
    [InlineData("read", "verify-record -r school --server SERVER --key-file PATH 100001")]
    [InlineData("read", "audit full -r school --server SERVER --key-file PATH")]
    [InlineData("write", "keygen registers.example/alice --out PATH")]
    [InlineData("write", "mirror -r school --server SERVER --key-file LOG-KEY PATH")]
    public void A_file_that_is_a_directory_or_in_a_missing_folder_is_named_with_what_is_wrong(string verb, string command)
    {
        var file = Path.Combine(MissingFolder, "file");

        var directory = Run(command, Directory);
        var missing = Run(command, file);

        SaysOnly(directory, $"{Directory} is a directory, not a file");
        SaysOnly(missing, $"cannot {verb} {file}: folder {MissingFolder} does not exist");
        Assert.Equal(["a-folder"], System.IO.Directory.GetDirectories(_folder.Path).Select(Path.GetFileName));
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(Directory));
        Assert.Equal(["admin.key", "log-key.pub", "school.json", "schools.csv"], System.IO.Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keygen_whose_public_key_file_is_a_directory_leaves_no_private_key_behind()
    {
        var key = Path.Combine(_folder.Path, "alice.key");
        System.IO.Directory.CreateDirectory(key + ".pub");

        var run = Run("keygen registers.example/alice --out PATH", key);

        SaysOnly(run, $"{key}.pub is a directory, not a file");
        Assert.False(File.Exists(key), "the private key of a pair not written stays behind");
    }

    [Fact]
    public void Audit_follow_whose_state_folder_is_a_file_says_so()
    {
        var state = Path.Combine(_folder.Path, "school.json");

        var run = Run("audit follow -r school --server SERVER --key-file LOG-KEY --once --state PATH", state);

        SaysOnly(run, $"{state} is a file, not a folder");
        Assert.Equal(Custodian.Definition, File.ReadAllText(state));
    }

    private CliRun Run(string command, string path) => RegistersCli.Run(RegistersCli.Sockets(_folder.Path), [.. command.Split(' ').Select(word => word switch
    {
        "PATH" => path,
        "SERVER" => NoServer,
        "KEY" => _key,
        "LOG-KEY" => _logKey,
        _ => word,
    })]);
}
