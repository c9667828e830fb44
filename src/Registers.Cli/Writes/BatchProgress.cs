using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Registers.Cli.Writes;

/// <summary>
/// How far a batched write has gone, on standard error: on a terminal a bar with the entries sent, the rate and the time
/// left; otherwise a line every few seconds and one at the end.
/// </summary>
internal sealed class BatchProgress
{
    private readonly CliConsoles _consoles;
    private readonly string _verb;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
    private ProgressTask? _task;

    private BatchProgress(CliConsoles consoles, string verb, long total)
    {
        _consoles = consoles;
        _verb = verb;
        _total = total;
    }

    /// <summary>Entries sent so far in this run.</summary>
    public long Done { get; private set; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Entries per second over the whole run.</summary>
    public double Rate => Done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);

    /// <summary>Runs <paramref name="work"/>, which reports through the progress it is given, with a bar or lines.</summary>
    public static async Task<T> RunAsync<T>(CliConsoles consoles, string description, string verb, long total, Func<BatchProgress, Task<T>> work)
    {
        var progress = new BatchProgress(consoles, verb, total);
        if (!consoles.ErrorIsTerminal)
        {
            return await work(progress);
        }

        return await consoles.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountColumn(), new RateColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                progress._task = context.AddTask(description, maxValue: Math.Max(total, 1));
                var result = await work(progress);
                progress._task.StopTask();
                return result;
            });
    }

    /// <summary>Counts <paramref name="entries"/> more as sent.</summary>
    public void Advance(long entries)
    {
        Done += entries;
        if (_task is not null)
        {
            _task.Increment(entries);
        }
        else if (_sinceLine.Elapsed >= _consoles.ProgressInterval && Done < _total)
        {
            _sinceLine.Restart();
            var left = Rate > 0 ? TimeSpan.FromSeconds((_total - Done) / Rate) : TimeSpan.Zero;
            _consoles.WriteDiagnostic(string.Create(CultureInfo.InvariantCulture,
                $"{_verb}: {Done:N0} of {Counted.Of(_total, "entry", "entries")}, {Rate:N0} entries/s, {left:hh\\:mm\\:ss} left"));
        }
    }

    /// <summary>"N entries/s".</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Speed ?? 0:N0} entries/s"));
    }

    /// <summary>"sent/total".</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0}"));
    }
}
