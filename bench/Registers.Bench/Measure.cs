using System.Diagnostics;

namespace Registers.Bench;

/// <summary>Runs a measurement several times and keeps the median, so one slow run (the machine is shared) does not decide.</summary>
internal static class Measure
{
    /// <summary>The median of <paramref name="repetitions"/> timings of <paramref name="run"/>, in seconds, after one untimed warm-up.</summary>
    public static double MedianSeconds(int repetitions, Action run)
    {
        run();
        var seconds = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var timer = Stopwatch.StartNew();
            run();
            seconds[i] = timer.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return seconds[repetitions / 2];
    }

    /// <summary>Operations per second: <paramref name="operations"/> done by each run, at the median time.</summary>
    public static double MedianRate(int repetitions, long operations, Action run) => operations / MedianSeconds(repetitions, run);
}
