namespace Registers.Cli.Config;

/// <summary>
/// What the command reads from around it: environment variables, the working directory, the home folder, and how it
/// reaches servers. The real process's by default; tests give their own.
/// </summary>
/// <param name="Variable">Reads an environment variable (null when unset).</param>
/// <param name="WorkingDirectory">The working directory, where relative paths start and the checkout search begins.</param>
/// <param name="HttpHandler">Makes the innermost HTTP handler (a socket handler, or a test server's).</param>
internal sealed record CliEnvironment(Func<string, string?> Variable, string WorkingDirectory, Func<HttpMessageHandler> HttpHandler)
{
    /// <summary>How the client retries (tests wait less).</summary>
    public Client.RegistersClientOptions ClientOptions { get; init; } = new();

    /// <summary>How long one request may take, and how long a streamed answer may stop coming (tests wait less).</summary>
    /// <remarks>A large batch is committed in seconds, but a busy server may queue it.</remarks>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The variable naming the server, e.g. <c>https://registers.example</c>.</summary>
    public const string ServerVariable = "REGISTERS_SERVER";

    /// <summary>The variable naming the register.</summary>
    public const string RegisterVariable = "REGISTERS_REGISTER";

    /// <summary>The variable naming the signer key file.</summary>
    public const string KeyVariable = "REGISTERS_KEY";

    /// <summary>The variable naming the profile file.</summary>
    public const string ProfileVariable = "REGISTERS_PROFILE";

    /// <summary>The process's own environment.</summary>
    public static CliEnvironment FromSystem() => new(
        Environment.GetEnvironmentVariable,
        Directory.GetCurrentDirectory(),
        () => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    /// <summary>The home folder (<c>HOME</c>, else the user profile folder).</summary>
    public string Home => Variable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary><paramref name="path"/> made absolute against <paramref name="folder"/> (the working directory when null), a leading <c>~/</c> meaning the home folder.</summary>
    public string FullPath(string path, string? folder = null) =>
        Path.GetFullPath(path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Home, path[2..]) : path, folder ?? WorkingDirectory);
}
