using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>The outcome of deciding a batch: the events to append, or the problems that refuse it.</summary>
/// <param name="Problems">Why the batch is refused; empty when it is accepted.</param>
/// <param name="Warnings">Broken register rules let through under <see cref="RulePolicy.Warn"/>.</param>
/// <param name="Events">The events to append when accepted.</param>
/// <param name="Head">The register head after the events.</param>
public sealed record BatchDecision(
    IReadOnlyList<EntryProblem> Problems,
    IReadOnlyList<EntryProblem> Warnings,
    IReadOnlyList<object> Events,
    RegisterHead Head)
{
    /// <summary>Whether the batch may be appended.</summary>
    public bool Accepted => Problems.Count == 0;
}
