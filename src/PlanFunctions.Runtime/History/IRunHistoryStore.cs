using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Runtime.History;

/// <summary>
/// The append-only history of every run: the events its state is folded from. As in Durable Functions' history
/// table, an orchestrator appends what it concluded before it acts on it.
/// </summary>
public interface IRunHistoryStore
{
    /// <summary>Every event of a run, in order; empty for an unknown instance.</summary>
    Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends events after the first <paramref name="expectedCount"/>. Throws <see cref="RunHistoryConflictException"/>
    /// when the history does not have exactly that many events (another writer got there first).
    /// </summary>
    Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Deletes a run's whole history; <see langword="false"/> when there was none.</summary>
    Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default);
}
