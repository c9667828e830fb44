namespace Registers.Server.Hosting;

/// <summary>
/// Checks the <c>Registers</c> settings once, at start: a value that cannot work stops the server with a line naming
/// the setting, rather than surfacing later as a failed request or an unverifiable checkpoint.
/// </summary>
internal static class ServerOptionsCheck
{
    /// <summary>The largest <see cref="ServerOptions.FutureTimestampTolerance"/>: a day.</summary>
    private static readonly TimeSpan MaxFutureTimestampTolerance = TimeSpan.FromDays(1);

    /// <summary>Throws a <see cref="StartupException"/> naming every setting that holds a value the server cannot use.</summary>
    public static void Require(ServerOptions options)
    {
        var problems = new List<string>();
        HostName(problems, nameof(ServerOptions.PublicHost), options.PublicHost);
        if (options.RegisterDomain is not null)
        {
            HostName(problems, nameof(ServerOptions.RegisterDomain), options.RegisterDomain);
        }

        NotEmpty(problems, nameof(ServerOptions.DataDirectory), options.DataDirectory);
        NotEmpty(problems, nameof(ServerOptions.SeedDirectory), options.SeedDirectory);
        NotEmpty(problems, nameof(ServerOptions.LogKeyFile), options.LogKeyFile);
        NotEmpty(problems, nameof(ServerOptions.AdminKeyFile), options.AdminKeyFile);
        Positive(problems, nameof(ServerOptions.MaxBodyBytes), options.MaxBodyBytes);
        Positive(problems, nameof(ServerOptions.MaxRsfBytes), options.MaxRsfBytes);
        Positive(problems, nameof(ServerOptions.MaxEntriesPerWrite), options.MaxEntriesPerWrite);
        Positive(problems, nameof(ServerOptions.WritesPerMinute), options.WritesPerMinute);
        Positive(problems, nameof(ServerOptions.ConcurrentLoadsPerKey), options.ConcurrentLoadsPerKey);
        Positive(problems, nameof(ServerOptions.ConcurrentBodyBytesPerKey), options.ConcurrentBodyBytesPerKey);
        Positive(problems, nameof(ServerOptions.ConcurrentArchives), options.ConcurrentArchives);

        // A body larger than the bytes its key may have at once would be refused each time it was sent, told to try again.
        if (options.ConcurrentBodyBytesPerKey > 0 && options.MaxBodyBytes > options.ConcurrentBodyBytesPerKey)
        {
            problems.Add($"{ServerOptions.Setting(nameof(ServerOptions.ConcurrentBodyBytesPerKey))} is {options.ConcurrentBodyBytesPerKey}; "
                + $"it must be at least {ServerOptions.Setting(nameof(ServerOptions.MaxBodyBytes))} ({options.MaxBodyBytes}), or a write that large could never be taken");
        }
        if (options.TileCacheBytes < 0)
        {
            problems.Add($"{ServerOptions.Setting(nameof(ServerOptions.TileCacheBytes))} is {options.TileCacheBytes}; it must be 0 (no cache) or more");
        }

        if (options.AsOfEntriesFirst < 0)
        {
            problems.Add($"{ServerOptions.Setting(nameof(ServerOptions.AsOfEntriesFirst))} is {options.AsOfEntriesFirst}; it must be 0 (today's records always read) or more");
        }

        if (options.FilterItemsFirst < 0)
        {
            problems.Add($"{ServerOptions.Setting(nameof(ServerOptions.FilterItemsFirst))} is {options.FilterItemsFirst}; it must be 0 (records always read in key order) or more");
        }

        // Clock skew is seconds or minutes; a tolerance of days would let any date in, and one below zero would refuse the clock itself.
        if (options.FutureTimestampTolerance < TimeSpan.Zero || options.FutureTimestampTolerance > MaxFutureTimestampTolerance)
        {
            problems.Add($"{ServerOptions.Setting(nameof(ServerOptions.FutureTimestampTolerance))} is {options.FutureTimestampTolerance}; it must be from 00:00:00 to {MaxFutureTimestampTolerance}");
        }

        if (problems.Count > 0)
        {
            throw new StartupException(string.Join("; ", problems) + ".");
        }
    }

    // Checkpoint origins and key names are made from it: a host name with an optional port, nothing else.
    private static void HostName(List<string> problems, string name, string value)
    {
        var fits = !string.IsNullOrEmpty(value)
                   && !value.Any(character => char.IsWhiteSpace(character) || character is '/' or '\\' or '?' or '#' or '@' or '+')
                   && Uri.TryCreate("http://" + value, UriKind.Absolute, out var uri)
                   && uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;
        if (!fits)
        {
            problems.Add($"{ServerOptions.Setting(name)} is '{value}'; it must be a host name with an optional port, such as registers.example.org or localhost:5080 (no scheme, path or spaces)");
        }
    }

    // An environment variable set to nothing (Registers__DataDirectory= in a unit or compose file) names no path at all.
    private static void NotEmpty(List<string> problems, string name, string? path)
    {
        if (path is not null && string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"{ServerOptions.Setting(name)} is empty; name a path, or leave it out for the default");
        }
    }

    private static void Positive(List<string> problems, string name, long value)
    {
        if (value <= 0)
        {
            problems.Add($"{ServerOptions.Setting(name)} is {value}; it must be 1 or more");
        }
    }
}
