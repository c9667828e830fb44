using System.Globalization;
using Registers.Server.Checkpoints;

namespace Registers.Bench.Server;

/// <summary>The server paths the harness uses.</summary>
internal static class Endpoints
{
    /// <summary>The log key: answered from memory, touching no database; the bare endpoint the others are compared with.</summary>
    public const string LogKey = CheckpointEndpoints.LogKeyPath;

    public static string Rsf(string register) => $"/registers/{register}/rsf";

    public static string RegisterProof(string register) => $"/registers/{register}/proof/register/merkle:sha-256";

    public static string EntryProof(string register, long number, long size) =>
        string.Create(CultureInfo.InvariantCulture, $"/registers/{register}/proof/entry/{number}/{size}/merkle:sha-256");

    public static string Record(string register, string key) => $"/registers/{register}/records/{Uri.EscapeDataString(key)}";

    public static string EntriesPage(string register, long start, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"/registers/{register}/entries?start={start}&limit={limit}");
}
