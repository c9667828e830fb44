using System.Globalization;
using System.Text.Json;

namespace Registers.Bench;

/// <summary>What one part of the harness measured: its rows, and notes printed after the table.</summary>
internal sealed record PartResult(IReadOnlyList<Row> Rows, IReadOnlyList<string> Notes);

/// <summary>The results as a table for people and as JSON for tools.</summary>
internal static class Report
{
    public static void Print(TextWriter output, IReadOnlyList<Row> rows)
    {
        string[] header = ["figure", "value", "baseline (same run)", "ratio", "goal", "met"];
        var cells = rows.Select(r => new[]
        {
            r.Figure,
            $"{Number(r.Value)} {r.Unit}",
            double.IsNaN(r.Baseline) ? "-" : $"{Number(r.Baseline)} {r.BaselineUnit}",
            double.IsFinite(r.Ratio) ? r.Ratio.ToString("0.000", CultureInfo.InvariantCulture) : "-",
            r.Goal,
            r.GoalMet switch { true => "yes", false => "NO", null => "" },
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        output.WriteLine(string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))));
        output.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            output.WriteLine(string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))));
        }
    }

    public static void WriteJson(string path, bool smoke, Machine machine, object load, object sizes, IReadOnlyList<Row> rows)
    {
        var document = new
        {
            smoke,
            date = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            machine = new { cores = machine.Cores, cpu = machine.Cpu, memoryGb = machine.MemoryGb, os = machine.Os, runtime = Environment.Version.ToString() },
            load,
            sizes,
            rows = rows.Select(r => new
            {
                figure = r.Figure,
                value = r.Value,
                unit = r.Unit,
                baseline = double.IsNaN(r.Baseline) ? (double?)null : r.Baseline,
                baselineUnit = r.BaselineUnit,
                ratio = double.IsFinite(r.Ratio) ? r.Ratio : (double?)null,
                goal = r.Goal,
                goalMet = r.GoalMet,
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);
}
