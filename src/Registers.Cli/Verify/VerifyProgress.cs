using System.Diagnostics;
using System.Globalization;
using Registers.Protocol.Rsf;
using Spectre.Console;

namespace Registers.Cli.Verify;

/// <summary>
/// Shows how far RSF has been read (replayed, or downloaded), on standard error: a progress bar on a terminal, a line every
/// few seconds otherwise.
/// </summary>
internal static class VerifyProgress
{
    /// <summary>Runs <paramref name="work"/>, which reads <paramref name="file"/>: the file's name on the bar, lines starting <c>verify:</c>.</summary>
    public static T Run<T>(CliConsoles consoles, FileStream file, Func<IProgress<RsfProgress>, T> work) =>
        // A pipe (/dev/stdin, a shell's <(...)) has no length: progress is then in lines and bytes, without a share of the whole.
        Run(consoles, Path.GetFileName(file.Name), "verify", file.CanSeek ? file.Length : null, work);

    /// <summary>Runs <paramref name="work"/>, which reads <paramref name="length"/> bytes (unknown when null), with <paramref name="description"/> on the bar and lines starting <c><paramref name="prefix"/>:</c>.</summary>
    public static T Run<T>(CliConsoles consoles, string description, string prefix, long? length, Func<IProgress<RsfProgress>, T> work) =>
        // Spectre's own synchronous Start waits on its asynchronous one the same way.
        RunAsync(consoles, description, prefix, length, progress => Task.FromResult(work(progress))).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run{T}(CliConsoles, string, string, long?, Func{IProgress{RsfProgress}, T})"/>
    public static async Task<T> RunAsync<T>(CliConsoles consoles, string description, string prefix, long? length, Func<IProgress<RsfProgress>, Task<T>> work)
    {
        if (!consoles.ErrorIsTerminal)
        {
            return await work(new Lines(consoles, prefix, length));
        }

        return await consoles.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                // The description is shown as markup: a file name may hold brackets.
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(length ?? 1, 1));
                task.IsIndeterminate = length is null;
                var result = await work(new Synchronous(report =>
                {
                    if (length is null)
                    {
                        // No share to draw: the count read so far is what there is to show.
                        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{description}: {report.Bytes:N0} bytes"));
                    }
                    else
                    {
                        task.Value = report.Bytes;
                    }
                }));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>
    /// Progress as lines alone, a terminal's too, where results are written to standard output while the work goes on: a
    /// bar redrawn on standard error would write over them.
    /// </summary>
    public static IProgress<RsfProgress> AsLines(CliConsoles consoles, string prefix, long? length) => new Lines(consoles, prefix, length);

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool, after the fact).</summary>
    private sealed class Synchronous(Action<RsfProgress> report) : IProgress<RsfProgress>
    {
        public void Report(RsfProgress value) => report(value);
    }

    private sealed class Lines(CliConsoles consoles, string prefix, long? length) : IProgress<RsfProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(RsfProgress value)
        {
            if (_sinceLast.Elapsed < consoles.ProgressInterval || value.Bytes >= length)
            {
                return;
            }

            _sinceLast.Restart();
            consoles.WriteDiagnostic(length is { } total
                ? string.Create(CultureInfo.InvariantCulture, $"{prefix}: {value.Lines:N0} lines, {(total > 0 ? 100 * value.Bytes / total : 100)}% of {total:N0} bytes")
                : string.Create(CultureInfo.InvariantCulture, $"{prefix}: {value.Lines:N0} lines, {value.Bytes:N0} bytes"));
        }
    }
}
