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
        // A pipe (/dev/stdin, a shell's <(...)) has no length: progress is then in lines and bytes, without a share of the whole.
        long? length = file.CanSeek ? file.Length : null;
        if (!consoles.ErrorIsTerminal)
        {
            return work(new Lines(consoles, length));
        }

        return consoles.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Path.GetFileName(file.Name), maxValue: Math.Max(length ?? 1, 1));
                task.IsIndeterminate = length is null;
                var result = work(new Synchronous(report => task.Value = length is null ? 0 : report.Bytes));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool, after the fact).</summary>
    private sealed class Synchronous(Action<RsfProgress> report) : IProgress<RsfProgress>
    {
        public void Report(RsfProgress value) => report(value);
    }

    private sealed class Lines(CliConsoles consoles, long? length) : IProgress<RsfProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(RsfProgress value)
        {
            if (_sinceLast.Elapsed < LineInterval || value.Bytes >= length)
            {
                return;
            }

            _sinceLast.Restart();
            consoles.WriteDiagnostic(length is { } total
                ? $"verify: {value.Lines:N0} lines, {(total > 0 ? 100 * value.Bytes / total : 100)}% of {total:N0} bytes"
                : $"verify: {value.Lines:N0} lines, {value.Bytes:N0} bytes");
        }
    }
}
