using Registers.Protocol.Checkpoints;

namespace Registers.Cli.Config;

/// <summary>
/// The configuration a command runs with, each value from the first place that sets it: the command-line option, then the
/// environment variable, then the profile file, then the default.
/// </summary>
/// <param name="Server">The server's base address.</param>
/// <param name="Register">The register, when one was set.</param>
/// <param name="KeyFile">The signer key file, when one was set or found.</param>
/// <param name="KeySource">Where <paramref name="KeyFile"/> came from, for messages.</param>
internal sealed record CliConfig(Uri Server, string? Register, string? KeyFile, string KeySource)
{
    /// <summary>The server when nothing names one: the port the server listens on by default.</summary>
    public const string DefaultServer = "http://localhost:5080";

    /// <summary>Resolves the configuration for <paramref name="settings"/>.</summary>
    /// <exception cref="ConfigException">A profile cannot be read, or the server is not an http(s) URL.</exception>
    public static CliConfig Resolve(ServerSettings settings, CliEnvironment environment)
    {
        var profile = Profile.Read(settings.Profile, environment);
        string? Variable(string name) => environment.Variable(name) is { Length: > 0 } value ? value : null;

        var server = settings.Server ?? Variable(CliEnvironment.ServerVariable) ?? profile.Server ?? DefaultServer;
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new ConfigException($"'{server}' is not an http or https URL of a register server");
        }

        var register = (settings as RegisterSettings)?.Register ?? Variable(CliEnvironment.RegisterVariable) ?? profile.Register;
        if (register is "")
        {
            throw new ConfigException($"the register's name is empty{((settings as RegisterSettings)?.Register is null ? $" in the profile {profile.Path}" : "")}: give --register NAME");
        }

        var (key, source) = settings.KeyFile is { } option ? (environment.FullPath(option), "--key")
            : Variable(CliEnvironment.KeyVariable) is { } variable ? (environment.FullPath(variable), "$" + CliEnvironment.KeyVariable)
            : profile.Key is { } fromProfile ? (fromProfile, $"the profile {profile.Path}")
            : AdminKey(environment) is { } admin ? (admin, "the server's admin key")
            : ((string?)null, "nowhere");
        return new CliConfig(address, register, key, source);
    }

    /// <summary>The register, or a message saying how to name one.</summary>
    /// <exception cref="ConfigException">None was set.</exception>
    public string RequireRegister() =>
        Register ?? throw new ConfigException($"no register named: give --register NAME, set ${CliEnvironment.RegisterVariable}, or \"register\" in the profile");

    /// <summary>Reads the signer key.</summary>
    /// <exception cref="ConfigException">No key file is configured, or it cannot be read or is not a signer key.</exception>
    public SignerKey ReadKey()
    {
        if (KeyFile is null)
        {
            throw new ConfigException($"no key to sign with: give --key FILE, set ${CliEnvironment.KeyVariable}, or \"key\" in the profile "
                + "(on the server's machine, the admin key in the checkout's .data/admin-key is used when present)");
        }

        try
        {
            return KeyFile.Length > 0 ? Protocol.Checkpoints.KeyFile.ReadSigner(FileProblem.Reading(KeyFile, File.ReadAllText)) : throw new FormatException("empty path");
        }
        catch (FileProblem e)
        {
            throw new ConfigException($"cannot use the key file from {KeySource}: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new ConfigException($"cannot use the key file {KeyFile} (from {KeySource}): {e.Message}");
        }
    }

    /// <summary>
    /// The admin key the server writes on first start: <c>.data/admin-key</c> in the folder holding <c>Registers.sln</c>,
    /// found by walking up from the working directory, as the server finds its default data directory.
    /// </summary>
    public static string? AdminKey(CliEnvironment environment)
    {
        for (var folder = new DirectoryInfo(environment.WorkingDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                var key = Path.Combine(folder.FullName, ".data", "admin-key");
                return File.Exists(key) ? key : null;
            }
        }

        return null;
    }
}
