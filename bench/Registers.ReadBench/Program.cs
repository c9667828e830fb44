using System.Globalization;
using Registers.ReadBench;

// The read API under load, beside a bare endpoint of the same server in the same run (issue 4):
// record lookups per second and p99 with 32 connections on loopback, and the server's memory during a
// full RSF download. Usage: Registers.ReadBench <server dll> [entries] [keys] [seconds] [connections]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Registers.ReadBench <path to Registers.Server.dll (Release)> [entries=1000000] [keys=500000] [seconds=20] [connections=32]");
    return 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
var (entries, keys, seconds, connections) = (Arg(1, 1_000_000), Arg(2, 500_000), Arg(3, 20), Arg(4, 32));

await using var server = await ServerProcess.StartAsync(Path.GetFullPath(args[0]));
Console.WriteLine($"server pid {server.ProcessId} at {server.Address}, {Environment.ProcessorCount} cores");
var load = await BenchRegister.LoadAsync(server, entries, keys);
Console.WriteLine($"loaded {entries:N0} entries over {keys:N0} keys as RSF in {load.TotalSeconds:N1} s; server RSS {server.ResidentMiB():N0} MiB");

var duration = TimeSpan.FromSeconds(seconds);
var bare = await Measurements.LoadAsync(server.Address, "bare (log key, no database)", _ => "/.well-known/registers/log-key", connections, duration);
Console.WriteLine(bare);
var lookups = await Measurements.LoadAsync(server.Address, "record lookup (JSON)", random => $"/registers/{BenchRegister.Name}/records/{BenchRegister.Key(random.Next(keys))}", connections, duration);
Console.WriteLine(lookups);
Console.WriteLine($"record lookups: {lookups.PerSecond / bare.PerSecond:P0} of the bare endpoint's rate; goal 10,000/s and p99 <= 20 ms");

var download = await Measurements.DownloadAsync(server, $"/registers/{BenchRegister.Name}/download-rsf");
Console.WriteLine($"full RSF download: {download}");
var csv = await Measurements.DownloadAsync(server, $"/registers/{BenchRegister.Name}/download-csv");
Console.WriteLine($"full CSV download: {csv}");
return 0;
