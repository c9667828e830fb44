using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;

namespace Registers.Cli.Tests.Keygen;

public sealed class KeygenTests
{
    [Fact]
    public void Keygen_writes_the_private_key_readable_only_by_its_owner_and_prints_the_public_verifier_key()
    {
        using var folder = TempFile.Folder();
        var path = Path.Combine(folder.Path, "alice.key");

        var run = RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "custodian.example/alice", "--out", path);

        Assert.Equal(0, run.ExitCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        using var key = KeyFile.ReadSigner(File.ReadAllText(path));
        var printed = VerifierKey.Parse(run.Out.Trim());
        Assert.Equal(key.VerifierKey, printed);
        Assert.Equal("custodian.example/alice", printed.Name);
        Assert.Equal([printed], KeyFile.ReadVerifiers(File.ReadAllText(path + ".pub")));
        Assert.DoesNotContain("PRIVATE", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Keygen_refuses_to_overwrite_a_key_file_and_leaves_it_as_it_was()
    {
        using var folder = TempFile.Folder();
        var path = folder.File("alice.key", "precious\n");

        var run = RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "custodian.example/alice", "--out", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already exists", run.Error, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".pub"));
    }

    [Fact]
    public void Keygen_names_the_file_after_the_last_part_of_the_key_name_in_the_working_directory()
    {
        using var folder = TempFile.Folder();

        var run = RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "custodian.example/bob");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder.Path, "bob.key")), run.ToString());
    }

    [Fact]
    public void Keygen_names_the_file_after_the_last_non_empty_part_and_wants_out_when_there_is_none()
    {
        using var folder = TempFile.Folder();

        var trailing = RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "custodian.example/");
        var slashes = RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "//");

        Assert.Equal(0, trailing.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder.Path, "custodian.example.key")), trailing.ToString());
        Assert.Equal(2, slashes.ExitCode);
        Assert.Contains("give --out FILE", slashes.Error, StringComparison.Ordinal);
        Assert.Equal(["custodian.example.key", "custodian.example.key.pub"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keygen_refuses_a_name_that_is_not_a_key_name()
    {
        using var folder = TempFile.Folder();

        var run = RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "has+plus");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Keygen_refuses_a_name_that_a_write_could_never_be_signed_under_saying_it_must_be_ASCII()
    {
        using var folder = TempFile.Folder();

        var run = RegistersCli.Run(RegistersCli.Environment(folder.Path), "keygen", "cust/zo\u00EB");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("printable ASCII", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
