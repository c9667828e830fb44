using System.Text.Json;

namespace Registers.Cli.Config;

/// <summary>
/// A profile file: <c>{"server": "https://registers.example", "register": "country", "key": "~/keys/alice.key"}</c>, every
/// member optional. A relative key path is taken from the profile's own folder.
/// </summary>
/// <param name="Path">Where the profile was read from, or null when there was none.</param>
/// <param name="Server">The server URL.</param>
/// <param name="Register">The register.</param>
/// <param name="Key">The signer key file, as an absolute path.</param>
internal sealed record Profile(string? Path, string? Server, string? Register, string? Key)
{
    public static readonly Profile None = new(null, null, null, null);

    /// <summary>The members a profile may have.</summary>
    private static readonly string[] Members = ["server", "register", "key"];

    /// <summary>The profile named by <paramref name="explicitPath"/> (which must exist) or the default one (used when it exists).</summary>
    /// <exception cref="ConfigException">The named profile is missing or cannot be read, or a profile is not valid JSON of the right shape.</exception>
    public static Profile Read(string? explicitPath, CliEnvironment environment)
    {
        var named = explicitPath ?? (environment.Variable(CliEnvironment.ProfileVariable) is { Length: > 0 } variable ? variable : null);
        var path = named is not null ? environment.FullPath(named) : DefaultPath(environment);
        if (named is null && !File.Exists(path))
        {
            return None;
        }

        try
        {
            using var json = JsonDocument.Parse(FileProblem.Reading(path, File.ReadAllBytes));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"the profile file {path} is not a JSON object");
            }

            // A misspelt member would be passed over, and the command go to the default server or register instead.
            if (json.RootElement.EnumerateObject().Select(member => member.Name).FirstOrDefault(name => !Members.Contains(name)) is { } unknown)
            {
                throw new ConfigException($"the profile file {path} has a member '{unknown}', which is none of {string.Join(", ", Members.Select(name => $"\"{name}\""))}");
            }

            var folder = System.IO.Path.GetDirectoryName(path)!;
            var key = Member(json.RootElement, "key", path);
            return new Profile(path, Member(json.RootElement, "server", path), Member(json.RootElement, "register", path),
                key is null ? null : environment.FullPath(key, folder));
        }
        catch (JsonException e)
        {
            throw new ConfigException($"the profile file {path} is not valid JSON: {e.Message}");
        }
        catch (FileProblem e)
        {
            throw new ConfigException($"cannot use the profile file: {e.Message}");
        }
    }

    /// <summary><c>$XDG_CONFIG_HOME/registers/profile.json</c>, else <c>~/.config/registers/profile.json</c>.</summary>
    public static string DefaultPath(CliEnvironment environment)
    {
        var config = environment.Variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : System.IO.Path.Combine(environment.Home, ".config");
        return System.IO.Path.Combine(config, "registers", "profile.json");
    }

    private static string? Member(JsonElement profile, string name, string path)
    {
        if (!profile.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ConfigException($"the profile file {path}: \"{name}\" must be a string");
    }
}
