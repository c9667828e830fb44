using System.Text;

namespace Registers.Server.Database;

/// <summary>
/// What PostgreSQL wrote to its log during one start, boiled down to the line an operator reads first: its last FATAL or
/// PANIC message (with the DETAIL and HINT that follow it), and where the log is. pg_ctl itself only says "could not start
/// server. Examine the log output", and the log's last lines hold earlier runs' too.
/// </summary>
internal sealed class PostgresStartLog
{
    private readonly long _mark;

    private PostgresStartLog(string path, long mark)
    {
        Path = path;
        _mark = mark;
    }

    /// <summary>The log's file.</summary>
    public string Path { get; }

    /// <summary>The log at <paramref name="path"/> as it is before a start: what the start writes comes after.</summary>
    public static PostgresStartLog Mark(string path) => new(path, File.Exists(path) ? new FileInfo(path).Length : 0);

    /// <summary>
    /// Why the start failed, in one line: PostgreSQL's last fatal message since the mark and the log's path; the gist of
    /// <paramref name="pgCtlOutput"/> instead when PostgreSQL logged none (it may have failed before it could log).
    /// </summary>
    public string Describe(string pgCtlOutput)
    {
        var fatal = PostgresFatal.Last(WrittenSinceMark());
        return fatal is null
            ? $"PostgreSQL would not start: {Gist(pgCtlOutput)} (its log, {Path}, says no more)"
            : $"PostgreSQL would not start; its log, {Path}, ends: {fatal}";
    }

    private List<string> WrittenSinceMark()
    {
        var lines = new List<string>();
        if (!File.Exists(Path))
        {
            return lines;
        }

        using var log = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        log.Position = log.Length >= _mark ? _mark : 0; // a log emptied since the mark is all this start's
        using var reader = new StreamReader(log, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>pg_ctl's lines in one, without its progress dots and its advice to read the log (which the message names).</summary>
    private static string Gist(string output) => string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !line.StartsWith("waiting for server", StringComparison.Ordinal) && !line.StartsWith("Examine the log", StringComparison.Ordinal)));
}
