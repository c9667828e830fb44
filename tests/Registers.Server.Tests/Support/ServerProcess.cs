using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Registers.Server.Tests.Support;

/// <summary>
/// The built server as a process of its own, so a test can kill it outright (SIGKILL: no shutdown,
/// no cleanup) and start it again on the same database and data folder.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private ServerProcess(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        Address = address;
        _output = output;
    }

    /// <summary>Where the server listens.</summary>
    public Uri Address { get; }

    /// <summary>What the server has printed so far (standard output and error, a line each).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the server and waits until it answers.</summary>
    /// <remarks>The admin key is the one in <c>admin-key</c> in <paramref name="dataDirectory"/>, made on first start.</remarks>
    /// <param name="connectionString">The server's database; empty for the private cluster in the data folder.</param>
    /// <param name="dataDirectory">The server's data folder.</param>
    /// <param name="settings">More arguments (<c>--Registers:Name=value</c>); a setting given again here wins over the default above.</param>
    public static async Task<ServerProcess> StartAsync(string connectionString, string dataDirectory, params string[] settings)
    {
        var server = Launch(connectionString, dataDirectory, settings);
        try
        {
            await server.WaitUntilAnswersAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server as <see cref="StartAsync"/> does, and returns at once: for a test that watches the start.</summary>
    public static ServerProcess Launch(string connectionString, string dataDirectory, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerAssembly)!,
        };
        string[] arguments =
        [
            ServerAssembly,
            $"--ConnectionStrings:Registers={connectionString}",
            $"--Registers:DataDirectory={dataDirectory}",
            "--Registers:PublicHost=registers.test",
            "--Registers:SeedOnFirstStart=false",
            "--Logging:LogLevel:Default=Warning",
            $"--urls=http://127.0.0.1:{port}",
            .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), output);
    }

    /// <summary>Waits until the server answers (two minutes at most: a first start with a private cluster runs initdb).</summary>
    public async Task WaitUntilAnswersAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                (await probe.GetAsync("/.well-known/registers/log-key")).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromMinutes(2) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException failure)
            {
                throw new InvalidOperationException("The server did not start:\n" + string.Join('\n', _output.TakeLast(40)), failure);
            }
        }
    }

    /// <summary>Waits until the server prints <paramref name="words"/> (a minute at most); false if it ended or never did.</summary>
    public async Task<bool> PrintsAsync(string words)
    {
        var waited = Stopwatch.StartNew();
        while (!Output.Contains(words, StringComparison.Ordinal))
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>A client that signs with the admin key the server keeps in <paramref name="dataDirectory"/>.</summary>
    public HttpClient NewClient(string dataDirectory) =>
        new(SigningHandler.For(global::Registers.Protocol.Checkpoints.SignerKey.Parse(File.ReadAllText(Path.Combine(dataDirectory, "admin-key")).Trim())))
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromMinutes(5),
        };

    /// <summary>Kills the server at once, as a crash or a power cut would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Stops the server as a supervisor would (SIGTERM) and waits until it has ended, its private cluster stopped.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Sends SIGTERM, as a container runtime's stop does, and waits at most <paramref name="patience"/> for the server to end:
    /// how long it took, or null when it was still running (it is then killed, so the test goes on).
    /// </summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        await SignalStopAsync();
        if (await EndsWithinAsync(patience))
        {
            return waited.Elapsed;
        }

        Kill();
        return null;
    }

    /// <summary>Sends SIGTERM and returns at once: for a test that acts while the server stops.</summary>
    public Task SignalStopAsync() => Signals.SendAsync(_process.Id, "TERM");

    /// <summary>Waits at most <paramref name="patience"/> for the server to end: false when it is still running.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan patience)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(patience);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    /// <summary>
    /// The server as its own build put it (not the copy beside the tests, whose folder holds test
    /// assemblies the server's dependency manifest does not know), built in the tests' configuration.
    /// </summary>
    internal static string ServerAssembly
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
            var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
            return Path.Combine(RepositoryRoot(), "src", "Registers.Server", "bin", configuration, framework, "Registers.Server.dll");
        }
    }

    /// <summary>The checkout the tests run from: the first folder above the test output that holds Registers.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Registers.sln) was not found above the test output.");
    }

    /// <summary>A loopback port nothing listened on a moment ago.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
