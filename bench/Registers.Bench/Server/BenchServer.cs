using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Registers.Bench.Server;

/// <summary>
/// The server's own build (the configuration this harness was built in: Release for real figures) run as a
/// process of its own, as <c>dotnet Registers.Server.dll</c> would be, so the load generator never shares
/// its process. It is stopped as a service manager would stop it (SIGTERM).
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly IDisposable _interruption;

    private readonly string _dataDirectory;

    private BenchServer(Process process, ConcurrentQueue<string> output, Uri address, double startSeconds, string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        _process = process;
        _interruption = Interruption.OnInterrupt(() => StopAsync().GetAwaiter().GetResult());
        _output = output;
        Address = address;
        StartSeconds = startSeconds;
    }

    /// <summary>Where the server listens.</summary>
    public Uri Address { get; }

    /// <summary>Seconds from starting the process to the first answered request.</summary>
    public double StartSeconds { get; }

    /// <summary>The most memory the process has held (VmHWM: peak resident set), in bytes.</summary>
    public long PeakWorkingSetBytes => ProcStatusBytes("VmHWM");

    /// <summary>The admin key the server made in its data folder: the key every write of the harness is signed with.</summary>
    public string AdminKeyFile => Path.Combine(_dataDirectory, "admin-key");

    /// <summary>Forgets the peak so far (Linux's clear_refs), so that <see cref="PeakWorkingSetBytes"/> is the peak of what follows.</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>CPU time the process has used so far, user and system.</summary>
    public TimeSpan CpuTime => _process.TotalProcessorTime;

    /// <summary>The memory the process holds now (VmRSS), in bytes.</summary>
    public long WorkingSetBytes => ProcStatusBytes("VmRSS");

    /// <summary>
    /// Starts the server on <paramref name="dataDirectory"/> and waits until it answers. With a connection string it
    /// uses that database; without one it starts (and on first use creates) its own private cluster in the data folder.
    /// </summary>
    public static async Task<BenchServer> StartAsync(string dataDirectory, string? connectionString)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerAssembly)!,
        };
        start.ArgumentList.Add(ServerAssembly);
        if (connectionString is not null)
        {
            start.ArgumentList.Add($"--ConnectionStrings:Registers={connectionString}");
        }

        foreach (var argument in new[]
        {
            $"--Registers:DataDirectory={dataDirectory}",
            "--Registers:SeedOnFirstStart=false",
            "--Registers:PublicHost=bench.registers.local",
            "--Registers:WritesPerMinute=2000000000", // a guard against abuse, not a cost: lifted so the appends can be measured
            "--Logging:LogLevel:Default=Warning",
            $"--urls=http://127.0.0.1:{port}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new ConcurrentQueue<string>();
        var timer = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            try
            {
                using var answer = await probe.GetAsync(Endpoints.LogKey);
                answer.EnsureSuccessStatusCode();
                return new BenchServer(process, output, address, timer.Elapsed.TotalSeconds, dataDirectory);
            }
            catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException && !process.HasExited && timer.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(10); // the start-up figure is this fine-grained
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
                var tail = string.Join('\n', output.TakeLast(40));
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
                throw new InvalidOperationException($"The server ({ServerAssembly}) did not start:\n{tail}", failure);
            }
        }
    }

    /// <summary>A client signing with the admin key the server made in its data folder, with no time limit (a large load takes minutes).</summary>
    public HttpClient NewAdminClient()
    {
        var key = Registers.Protocol.Checkpoints.SignerKey.Parse(File.ReadAllText(AdminKeyFile).Trim());
        return new HttpClient(new Registers.Client.Signing.RequestSigningHandler(key) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Stops the server with SIGTERM (a graceful shutdown, which also stops a private cluster it started) and waits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The server did not stop within a minute of SIGTERM:\n" + string.Join('\n', _output.TakeLast(20)));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _interruption.Dispose();
            _process.Dispose();
        }
    }

    private static string ServerAssembly => BuiltAssembly.Of("Registers.Server", "Registers.Server.dll");

    private long ProcStatusBytes(string field)
    {
        var path = $"/proc/{_process.Id}/status";
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{path} has no {field}.");
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024; // in kB
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
