using System.Text.Json;

namespace Registers.Bench;

/// <summary>The results as a table for people and as JSON for tools.</summary>
internal static class Report
{
    public static void Print(TextWriter output, IReadOnlyList<Row> rows)
    {
        string[] header = ["figure", "value", "baseline (raw SHA-256, this run)", "ratio", "goal", "met"];
        var cells = rows.Select(r => new[]
        {
            r.Figure,
            $"{Number(r.Value)} {r.Unit}",
            double.IsNaN(r.Baseline) ? "-" : $"{Number(r.Baseline)} {r.BaselineUnit}",
            double.IsNaN(r.Ratio) ? "-" : r.Ratio.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
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

    public static void WriteJson(string path, bool smoke, Sizes sizes, IReadOnlyList<Row> rows)
    {
        var document = new
        {
            smoke,
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
            sizes,
            rows = rows.Select(r => new
            {
                figure = r.Figure,
                value = r.Value,
                unit = r.Unit,
                baseline = double.IsNaN(r.Baseline) ? (double?)null : r.Baseline,
                baselineUnit = r.BaselineUnit,
                ratio = double.IsNaN(r.Ratio) ? (double?)null : r.Ratio,
                goal = r.Goal,
                goalMet = r.GoalMet,
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Number(double value) =>
        value.ToString(value >= 100 ? "N0" : "N2", System.Globalization.CultureInfo.InvariantCulture);
}
