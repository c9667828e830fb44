using System.Diagnostics;
using Registers.Protocol.Rsf;
using Spectre.Console;

namespace Registers.Cli.Verify;

/// <summary>Shows how far a verification has read, on standard error: a progress bar on a terminal, a line every few seconds otherwise.</summary>
internal static class VerifyProgress
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    public static T Run<T>(CliConsoles consoles, FileStream file, Func<IProgress<RsfProgress>, T> work)
    {
        var length = file.Length;
        if (!consoles.ErrorIsTerminal)
        {
            return work(new Lines(consoles, length));
        }

        return consoles.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Path.GetFileName(file.Name), maxValue: Math.Max(length, 1));
                var result = work(new Synchronous(report => task.Value = report.Bytes));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool, after the fact).</summary>
    private sealed class Synchronous(Action<RsfProgress> report) : IProgress<RsfProgress>
    {
        public void Report(RsfProgress value) => report(value);
    }

    private sealed class Lines(CliConsoles consoles, long length) : IProgress<RsfProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(RsfProgress value)
        {
            if (_sinceLast.Elapsed < LineInterval || value.Bytes >= length)
            {
                return;
            }

            _sinceLast.Restart();
            var percent = length > 0 ? 100 * value.Bytes / length : 100;
            consoles.WriteDiagnostic($"verify: {value.Lines:N0} lines, {percent}% of {length:N0} bytes");
        }
    }
}
