using System.Collections.Concurrent;

namespace Registers.Client.Tracking;

/// <summary>Keeps log state in memory, for as long as the process runs.</summary>
public sealed class MemoryLogStateStore : ILogStateStore
{
    private readonly ConcurrentDictionary<string, string> _checkpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _evidence = new(StringComparer.Ordinal);

    /// <summary>All the evidence saved for <paramref name="register"/>, in order (a blank line between), or null.</summary>
    public string? Evidence(string register) => _evidence.GetValueOrDefault(register);

    /// <inheritdoc/>
    public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) => Task.FromResult(_checkpoints.GetValueOrDefault(register));

    /// <inheritdoc/>
    public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken)
    {
        _checkpoints[register] = signedNote;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken)
    {
        _evidence.AddOrUpdate(register, evidence, (_, kept) => kept.EndsWith(evidence, StringComparison.Ordinal) ? kept : kept + "\n" + evidence);
        return Task.CompletedTask;
    }

}
