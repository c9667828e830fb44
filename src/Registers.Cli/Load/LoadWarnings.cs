using System.Text.Json;
using Registers.Cli.Verify;
using Registers.Client.Problems;

namespace Registers.Cli.Load;

/// <summary>
/// The register rules a lenient load's batches broke and the server let through, each placed by its line of the file. The
/// server says them only in the answer to the write, so they are kept as they come: the first 100 and the count, as
/// <c>verify</c> keeps its warnings.
/// </summary>
internal sealed class LoadWarnings
{
    private const int MaxKept = 100;

    private readonly List<string> _kept = [];

    public long Count { get; private set; }

    /// <summary>Keeps the warnings of <paramref name="batch"/>'s receipt.</summary>
    public void Add(RsfBatch batch, IReadOnlyList<JsonElement> warnings)
    {
        foreach (var warning in warnings)
        {
            Count++;
            if (_kept.Count < MaxKept)
            {
                var error = new ProblemError("", warning);
                _kept.Add(error.Locate(error.Line is { } line && batch.FileLine(line) is { } fileLine ? $"file line {fileLine}" : "the register"));
            }
        }
    }

    /// <summary>Writes <c>warnings: N</c> and those kept to standard output; nothing when there were none.</summary>
    public void Write(CliConsoles consoles) => VerifyReport.List(consoles, "warnings", Count, _kept);
}
