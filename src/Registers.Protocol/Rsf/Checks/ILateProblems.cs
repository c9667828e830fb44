namespace Registers.Protocol.Rsf.Checks;

/// <summary>Where a replay's checks put what they find only when the replay finishes.</summary>
internal interface ILateProblems
{
    /// <summary>
    /// A problem of one line (orphan entry, duplicate item, repeated entry) found only at the end because its check had
    /// gone to disk. <paramref name="order"/> is its place among that line's problems: the index of the item hash an
    /// orphan entry is about, or the number of hashes for a repeat, which comes after them.
    /// </summary>
    void Late(RsfProblem problem, int order);

    /// <summary>An item no entry cites, found at the end whatever the path.</summary>
    void Uncited(RsfProblem problem);
}
