namespace Registers.Protocol.Rsf.Checks;

/// <summary>
/// What a verification keeps of the problems a replay raises: all are counted, and the first <c>max</c> errors and the
/// first <c>max</c> warnings are kept, in the order a replay that kept its checks in memory raises them: each line's
/// problems in line order, then the items no entry cited. Problems found late (by checks that went on on disk) are
/// put back in their place among those of their lines; only the first few of them are held, so memory stays bounded
/// however many problems a file has.
/// </summary>
internal sealed class KeptProblems(int max) : ILateProblems
{
    private readonly List<RsfProblem> _errors = [];
    private readonly List<RsfProblem> _warnings = [];
    private readonly Smallest _lateErrors = new(max);
    private readonly Smallest _lateWarnings = new(max);
    private readonly Smallest _uncited = new(max);

    public long ErrorCount { get; private set; }

    public long WarningCount { get; private set; }

    /// <summary>The problems of one line, as the replay raised them.</summary>
    public void Keep(ReadOnlySpan<RsfProblem> problems)
    {
        foreach (var problem in problems)
        {
            var (list, count) = problem.Severity == RsfSeverity.Error ? (_errors, ++ErrorCount) : (_warnings, ++WarningCount);
            if (count <= max)
            {
                list.Add(problem);
            }
        }
    }

    public void Late(RsfProblem problem, int order)
    {
        if (problem.Severity == RsfSeverity.Error)
        {
            ErrorCount++;
            _lateErrors.Add(problem, order);
        }
        else
        {
            WarningCount++;
            _lateWarnings.Add(problem, order);
        }
    }

    public void Uncited(RsfProblem problem)
    {
        ErrorCount++;
        _uncited.Add(problem, 0);
    }

    public IReadOnlyList<RsfProblem> Errors() => [.. Merge(_errors, _lateErrors.InOrder()).Concat(_uncited.InOrder()).Take(max)];

    public IReadOnlyList<RsfProblem> Warnings() => [.. Merge(_warnings, _lateWarnings.InOrder()).Take(max)];

    // Both lists are in line order, and no line has problems of the same severity in both.
    private static IEnumerable<RsfProblem> Merge(List<RsfProblem> first, List<RsfProblem> second)
    {
        var (i, j) = (0, 0);
        while (i < first.Count || j < second.Count)
        {
            yield return j == second.Count || (i < first.Count && first[i].Line <= second[j].Line) ? first[i++] : second[j++];
        }
    }

    /// <summary>The first <c>max</c> problems by line, and order within the line, of problems that come in any order.</summary>
    private sealed class Smallest(int max)
    {
        // The largest held is at the head, ready to make way for a smaller one.
        private readonly PriorityQueue<RsfProblem, (long Line, int Order)> _held = new(Comparer<(long Line, int Order)>.Create((a, b) => b.CompareTo(a)));

        public void Add(RsfProblem problem, int order)
        {
            var place = (problem.Line, order);
            if (_held.Count < max)
            {
                _held.Enqueue(problem, place);
            }
            else if (max > 0 && _held.TryPeek(out _, out var largest) && place.CompareTo(largest) < 0)
            {
                _held.DequeueEnqueue(problem, place);
            }
        }

        public List<RsfProblem> InOrder() =>
            [.. _held.UnorderedItems.OrderBy(held => held.Priority).Select(held => held.Element)];
    }
}
