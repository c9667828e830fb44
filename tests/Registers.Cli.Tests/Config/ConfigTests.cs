using Registers.Cli.Config;
using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;

namespace Registers.Cli.Tests.Config;

public sealed class ConfigTests : IDisposable
{
    private readonly TempFolder _folder = TempFile.Folder();

    public void Dispose() => _folder.Dispose();

    private CliConfig Resolve(RegisterSettings settings, Dictionary<string, string>? variables = null, string? workingDirectory = null) =>
        CliConfig.Resolve(settings, RegistersCli.Environment(workingDirectory ?? _folder.Path, variables: (variables ?? []).Append(new("HOME", _folder.Path)).ToDictionary()));

    private void Profile(string json)
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".config", "registers"));
        File.WriteAllText(Path.Combine(_folder.Path, ".config", "registers", "profile.json"), json);
    }

    [Fact]
    public void An_option_beats_the_environment_which_beats_the_profile_which_beats_the_default()
    {
        Profile("""{"server":"http://profile:1","register":"from-profile","key":"profile.key"}""");
        var variables = new Dictionary<string, string>
        {
            ["REGISTERS_SERVER"] = "http://environment:2", ["REGISTERS_REGISTER"] = "from-environment", ["REGISTERS_KEY"] = "environment.key",
        };

        var fromOptions = Resolve(new RegisterSettings { Server = "http://option:3", Register = "from-option", KeyFile = "option.key" }, variables);
        var fromEnvironment = Resolve(new RegisterSettings(), variables);
        var fromProfile = Resolve(new RegisterSettings());
        File.Delete(Path.Combine(_folder.Path, ".config", "registers", "profile.json"));
        var byDefault = Resolve(new RegisterSettings());

        Assert.Equal(("http://option:3/", "from-option", Path.Combine(_folder.Path, "option.key")), (fromOptions.Server.ToString(), fromOptions.Register, fromOptions.KeyFile));
        Assert.Equal(("http://environment:2/", "from-environment", Path.Combine(_folder.Path, "environment.key")), (fromEnvironment.Server.ToString(), fromEnvironment.Register, fromEnvironment.KeyFile));
        Assert.Equal(("http://profile:1/", "from-profile", Path.Combine(_folder.Path, ".config", "registers", "profile.key")), (fromProfile.Server.ToString(), fromProfile.Register, fromProfile.KeyFile));
        Assert.Equal(("http://localhost:5080/", null, null), (byDefault.Server.ToString(), byDefault.Register, byDefault.KeyFile));
    }

    [Fact]
    public void A_profile_named_by_option_or_environment_is_read_instead_of_the_default_one()
    {
        Profile("""{"register":"default-profile"}""");
        var named = _folder.File("other.json", """{"register":"named-profile","key":"~/keys/k.key"}""");

        var byOption = Resolve(new RegisterSettings { Profile = named });
        var byVariable = Resolve(new RegisterSettings(), new() { ["REGISTERS_PROFILE"] = named });

        Assert.Equal("named-profile", byOption.Register);
        Assert.Equal("named-profile", byVariable.Register);
        Assert.Equal(Path.Combine(_folder.Path, "keys", "k.key"), byOption.KeyFile);
    }

    [Fact]
    public void A_missing_named_profile_or_a_bad_one_or_a_bad_server_is_a_configuration_error()
    {
        Assert.Throws<ConfigException>(() => Resolve(new RegisterSettings { Profile = "nowhere.json" }));
        Assert.Throws<ConfigException>(() => Resolve(new RegisterSettings { Profile = _folder.File("bad.json", "{\"server\": 5}") }));
        Assert.Throws<ConfigException>(() => Resolve(new RegisterSettings { Profile = _folder.File("broken.json", "{") }));
        Assert.Throws<ConfigException>(() => Resolve(new RegisterSettings { Server = "ftp://x" }));
    }

    [Fact]
    public void A_profile_member_of_another_name_is_a_configuration_error_not_passed_over()
    {
        var misspelt = _folder.File("misspelt.json", """{"sever":"http://profile:1","register":"school"}""");

        var failure = Assert.Throws<ConfigException>(() => Resolve(new RegisterSettings { Profile = misspelt }));

        Assert.EndsWith("has a member 'sever', which is none of \"server\", \"register\", \"key\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_key_the_admin_key_in_the_checkouts_data_folder_is_used_found_from_any_folder_below()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "Registers.sln"), "");
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".data"));
        using var admin = SignerKey.Generate("admin");
        File.WriteAllText(Path.Combine(_folder.Path, ".data", "admin-key"), KeyFile.Write(admin));
        var below = Directory.CreateDirectory(Path.Combine(_folder.Path, "src", "deep")).FullName;

        var config = Resolve(new RegisterSettings(), workingDirectory: below);
        using var key = config.ReadKey();

        Assert.Equal(Path.Combine(_folder.Path, ".data", "admin-key"), config.KeyFile);
        Assert.Equal(admin.VerifierKey, key.VerifierKey);
    }

    [Fact]
    public void Without_any_key_a_write_says_where_to_configure_one_and_exits_2()
    {
        var run = RegistersCli.Run(RegistersCli.Environment(_folder.Path, variables: new Dictionary<string, string> { ["HOME"] = _folder.Path }),
            "append", "-r", "country", "GB", "name=Britain");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no key to sign with: give --key FILE, set $REGISTERS_KEY", run.Error, StringComparison.Ordinal);
    }
}
