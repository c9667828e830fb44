namespace Registers.Cli.Writes;

/// <summary>
/// How many problems a refused batch had in all: the server lists at most so many, and gives the total as
/// <c>problem-count</c>.
/// </summary>
internal static class ProblemTotal
{
    /// <summary>"  ... and N more problems (T in all)" when the server listed fewer than it found, else null.</summary>
    public static string? Unlisted(Client.Problems.RegistersProblem problem) =>
        problem.ProblemCount is { } total && total > problem.Errors.Count
            ? $"  ... and {Counted.Of(total - problem.Errors.Count, "more problem")} ({total:N0} in all)"
            : null;
}
