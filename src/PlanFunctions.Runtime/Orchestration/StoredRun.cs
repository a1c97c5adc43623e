using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Hosting;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// One activation's run against its history: the <see cref="PlanRun"/>, how much of it is stored, the events recorded
/// but not yet appended, and whether the history was read (<see cref="IsLoaded"/>) or this activation lost track of
/// storage (<see cref="IsRebuilding"/>). It knows nothing of grains; the orchestrator decides what a failure means.
/// </summary>
internal sealed class StoredRun(string instanceId, IRunHistoryStore historyStore, PlanFunctionsRuntimeOptions options)
{
    private readonly List<RunEvent> _unpersisted = [];
    private int _persisted;

    /// <summary>The run, or <see langword="null"/> when there is none (or it was dropped after a failed append).</summary>
    public PlanRun? Run { get; private set; }

    /// <summary>Whether the history was read, or an append found it as this activation knew it.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Whether an append was refused: the run in memory was ahead of storage and was dropped.</summary>
    public bool IsRebuilding { get; private set; }

    /// <summary>
    /// Reads the history and rebuilds the run from it, then lets <paramref name="resume"/> (given the number of
    /// events read) carry it on; an empty history leaves no run.
    /// </summary>
    public async Task LoadAsync(Func<int, Task> resume)
    {
        var history = await historyStore.ReadAsync(instanceId);
        IsLoaded = true;
        if (history.Count == 0)
        {
            return;
        }

        try
        {
            Run = PlanRun.FromHistory(history, options.ToPlanLimits());
            _persisted = history.Count;
            await resume(history.Count);
        }
        catch
        {
            // Read again, whole, by the next call: storage holds the truth, and what this attempt did is stored there.
            IsLoaded = false;
            Run = null;
            _persisted = 0;
            _unpersisted.Clear();
            throw;
        }
    }

    /// <summary>Reads the stored history, leaving this activation's run as it is.</summary>
    public Task<IReadOnlyList<RunEvent>> ReadHistoryAsync() => historyStore.ReadAsync(instanceId);

    /// <summary>The run that <paramref name="history"/> holds, or <see langword="null"/> when it is empty.</summary>
    public PlanRun? RunOf(IReadOnlyList<RunEvent> history) =>
        history.Count == 0 ? null : PlanRun.FromHistory(history, options.ToPlanLimits());

    /// <summary>Deletes the stored history; the run in memory stays until <see cref="Forget"/> or <see cref="Begin"/>.</summary>
    public Task DeleteHistoryAsync() => historyStore.DeleteAsync(instanceId);

    /// <summary>Starts a new run at position 0 of the history.</summary>
    public void Begin()
    {
        Run = new PlanRun(options.ToPlanLimits());
        _persisted = 0;
    }

    /// <summary>Forgets the run after its history was deleted.</summary>
    public void Forget()
    {
        Run = null;
        _persisted = 0;
    }

    /// <summary>Applies <paramref name="e"/> to the run and keeps it for the next append.</summary>
    public void Record(RunEvent e)
    {
        Run!.Apply(e);
        _unpersisted.Add(e);
    }

    /// <summary>
    /// Appends what was recorded and <paramref name="decided"/> (already applied) in one write; returns what was
    /// appended. When the append fails the run is dropped and the failure thrown: a start at position 0 that found a
    /// history (<see cref="RunHistoryConflictException"/> while not <see cref="IsLoaded"/>) stored nothing; any
    /// other failure leaves the run ahead of storage, so this activation is <see cref="IsRebuilding"/> from then on.
    /// </summary>
    public async Task<IReadOnlyList<RunEvent>> AppendAsync(IReadOnlyList<RunEvent> decided)
    {
        if (_unpersisted.Count + decided.Count == 0)
        {
            return [];
        }

        var batch = _unpersisted.Count == 0 ? decided : [.. _unpersisted, .. decided];
        try
        {
            await historyStore.AppendAsync(instanceId, _persisted, batch);
            IsLoaded = true;
            _persisted += batch.Count;
            _unpersisted.Clear();
            return batch;
        }
        catch (RunHistoryConflictException) when (!IsLoaded)
        {
            Run = null;
            _unpersisted.Clear();
            throw;
        }
        catch
        {
            Run = null;
            IsRebuilding = true;
            _unpersisted.Clear();
            throw;
        }
    }

    /// <summary>
    /// Refuses work that changes the run once this activation has lost track of storage (an append was refused): its
    /// run is ahead of what is stored, so nothing may be decided on it, and "no such run" would be false. The queued
    /// step results are refused with it; their activities deliver them again, to the activation that rebuilds the run.
    /// </summary>
    public void RefuseWhileRebuilding(ResultInbox inbox)
    {
        if (!IsRebuilding)
        {
            return;
        }

        var retry = new InvalidOperationException($"Run '{instanceId}' is being rebuilt from its history; try again.");
        inbox.FailAll(retry);
        throw retry;
    }
}
