using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Registers.Protocol.Checkpoints;

namespace Registers.ReadBench;

/// <summary>
/// The register server as a process of its own (so its memory is its own), built in Release, with a private
/// PostgreSQL in a throw-away data directory, on a free loopback port.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private ServerProcess(Process process, string dataDirectory, Uri address, SignerKey adminKey)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Address = address;
        AdminKey = adminKey;
    }

    public Uri Address { get; }

    /// <summary>The key the server takes as its admin key: writes are signed with it.</summary>
    public SignerKey AdminKey { get; }

    public int ProcessId => _process.Id;

    /// <summary>The server's resident memory now, from <c>/proc</c>, in MiB.</summary>
    public double ResidentMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    public static async Task<ServerProcess> StartAsync(string serverDll)
    {
        var port = FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "registers-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var adminKey = SignerKey.Generate("bench/admin");
        var adminKeyFile = Path.Combine(dataDirectory, "bench-admin-key");
        await File.WriteAllTextAsync(adminKeyFile, adminKey.ExportPrivateKey() + "\n");
        // Configuration by environment: the server's command line belongs to JasperFx's commands.
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Registers__DataDirectory"] = dataDirectory;
        start.Environment["Registers__AdminKeyFile"] = adminKeyFile;
        start.Environment["Registers__PublicHost"] = "bench.test";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine("server: " + line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, dataDirectory, new Uri($"http://127.0.0.1:{port}"), adminKey);
        using var probe = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/.well-known/registers/log-key")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (process.HasExited)
            {
                await server.DisposeAsync(); // stops the cluster it may have started
                throw new InvalidOperationException($"The server exited with {process.ExitCode}.");
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException("The server did not answer within a minute.");
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM to the server this run started: it shuts down and stops its private cluster.
        if (!_process.HasExited)
        {
            Signal(_process.Id, "TERM");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        AdminKey.Dispose();
        var pidFile = Path.Combine(_dataDirectory, "postgres", "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            Signal(postmaster, "INT"); // still running only if the server could not stop it: a fast shutdown
            await Task.Delay(2000);
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill?.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
