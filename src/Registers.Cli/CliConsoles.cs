using Registers.Shared;
using Spectre.Console;

namespace Registers.Cli;

/// <summary>
/// Where the command writes: results on <see cref="Out"/> (standard output), progress and failures on <see cref="Error"/>
/// (standard error), so that results can be piped while a person still sees what is going on.
/// </summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Progress, usage and I/O errors.</param>
/// <param name="ErrorIsTerminal">Whether <see cref="Error"/> is a terminal a progress bar can redraw; otherwise progress is written as lines.</param>
internal sealed record CliConsoles(IAnsiConsole Out, IAnsiConsole Error, bool ErrorIsTerminal)
{
    /// <summary>How often progress is written as a line when <see cref="Error"/> is not a terminal (tests shorten it).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Writes a line of results as it is, unwrapped, so that it can be read by programs (grep, diff) as well as people; but
    /// for its control characters, escaped (<see cref="ControlCharacters"/>), since a server may have put them there.
    /// </summary>
    public void WriteResult(string line) => Out.Profile.Out.Writer.WriteLine(ControlCharacters.Escape(line));

    /// <summary>Writes a line to standard error as it is, unwrapped, its control characters escaped as <see cref="WriteResult"/> escapes them.</summary>
    public void WriteDiagnostic(string line) => Error.Profile.Out.Writer.WriteLine(ControlCharacters.Escape(line));

    /// <summary>Writes a line to standard error while a progress bar may be showing: above the bar on a terminal, else as a diagnostic.</summary>
    public void WriteNotice(string line)
    {
        if (ErrorIsTerminal)
        {
            Error.WriteLine(ControlCharacters.Escape(line));
        }
        else
        {
            WriteDiagnostic(line);
        }
    }

    /// <summary>The process's standard output and standard error.</summary>
    public static CliConsoles FromSystem()
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliConsoles(AnsiConsole.Console, error, !Console.IsErrorRedirected && error.Profile.Capabilities.Interactive);
    }

    /// <summary>Plain text consoles over writers, without colours or redrawing (for tests and logs).</summary>
    public static CliConsoles Plain(TextWriter output, TextWriter error) => new(Plain(output), Plain(error), false);

    private static IAnsiConsole Plain(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });
}
