using Registers.Cli.Config;

namespace Registers.Cli.Tests.Keys;

/// <summary>A private key file others may read or change is warned about, naming the chmod that closes it; one its owner's alone is not.</summary>
public sealed class OpenKeyFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"registers key {Guid.NewGuid():N}");

    public OpenKeyFileTests() => File.WriteAllText(_file, "not read here\n");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void A_key_file_others_may_read_is_warned_about_with_its_mode_and_the_quoted_chmod()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal($"warning: {_file} holds a private key that users other than its owner may read or change (mode 0644); run chmod 600 '{_file}' to make it its owner's alone", OpenKeyFile.Warning(_file));
    }

    [Fact]
    public void A_key_file_its_owner_alone_may_use_is_not_warned_about()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Null(OpenKeyFile.Warning(_file));
    }
}
