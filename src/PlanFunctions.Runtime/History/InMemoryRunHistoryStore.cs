using System.Collections.Concurrent;
using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Runtime.History;

/// <summary>Run histories kept in this process: the embedded default, lost when the process ends.</summary>
public sealed class InMemoryRunHistoryStore : IRunHistoryStore
{
    private readonly ConcurrentDictionary<string, List<RunEvent>> _histories = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (!_histories.TryGetValue(instanceId, out var history))
        {
            return Task.FromResult<IReadOnlyList<RunEvent>>([]);
        }

        lock (history)
        {
            return Task.FromResult<IReadOnlyList<RunEvent>>([.. history]);
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var history = _histories.GetOrAdd(instanceId, _ => []);
        lock (history)
        {
            if (history.Count != expectedCount)
            {
                throw new RunHistoryConflictException(
                    $"The history of run '{instanceId}' has {history.Count} events, not the {expectedCount} expected: another writer appended first.");
            }

            history.AddRange(events);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_histories.TryRemove(instanceId, out _));
}
