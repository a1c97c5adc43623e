using Orleans.Concurrency;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Entities;

/// <summary>
/// One shard of the execution statistics entity: counters of the runs whose instance ids hash to it, and the ids of
/// those under way (so that a run reported twice, e.g. after its host died, is counted once).
/// </summary>
/// <remarks>
/// Reports interleave and are group-committed: every report that arrives while the shard's state is being written
/// goes into the next write, one write for all of them, and each report returns once a write that holds it is stored.
/// Under load that turns a write per report into a write per storage round trip, without acknowledging anything
/// that is not stored.
/// </remarks>
[Reentrant]
[GrainType("executionstatistics")]
internal sealed class ExecutionStatisticsGrain(
    [PersistentState("statistics", PlanFunctionsStorage.ProviderName)] IPersistentState<StatisticsShardState> state)
    : Grain, IExecutionStatisticsGrain
{
    private StatisticsShardState? _live;
    private TaskCompletionSource? _nextWrite;
    // The batch being written; null when no write is under way.
    private TaskCompletionSource? _inFlight;
    private bool _unsaved;

    // Changed here, and copied into the persistent state only for a write, so that no report changes what a write is reading.
    private StatisticsShardState Live => _live ??= Copy(state.State);

    public Task RunStartedAsync(string instanceId)
    {
        if (!Live.Active.Add(instanceId))
        {
            return WhenStoredAsync();
        }

        Live.Counters = Live.Counters with { TotalPlans = Live.Counters.TotalPlans + 1 };
        return WriteSoonAsync();
    }

    public Task RunEndedAsync(RunEndedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!Live.Active.Remove(report.InstanceId))
        {
            return WhenStoredAsync();
        }

        Live.Counters = RunStatistics.AddEnded(Live.Counters, report);
        return WriteSoonAsync();
    }

    public Task RunRewoundAsync(RunEndedReport rewoundEnd)
    {
        ArgumentNullException.ThrowIfNull(rewoundEnd);

        // Under way already: its end was never counted (or this rewind was reported before), so there is nothing to take back.
        if (!Live.Active.Add(rewoundEnd.InstanceId))
        {
            return WhenStoredAsync();
        }

        Live.Counters = RunStatistics.RemoveEnded(Live.Counters, rewoundEnd);
        return WriteSoonAsync();
    }

    public Task<ExecutionStatistics> GetAsync() =>
        Task.FromResult(Live.Counters with { ActiveExecutions = Live.Active.Count });

    /// <summary>For a report already counted: returns when what it changed is stored (again, if that write failed).</summary>
    private Task WhenStoredAsync() =>
        _nextWrite?.Task ?? _inFlight?.Task ?? (_unsaved ? WriteSoonAsync() : Task.CompletedTask);

    /// <summary>Returns when a write that holds the changes made so far is stored.</summary>
    private Task WriteSoonAsync()
    {
        if (_nextWrite is { } queued)
        {
            return queued.Task;
        }

        var next = _nextWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_inFlight is null)
        {
            // Never throws: each batch's failure goes to its reports.
            _ = WriteAllAsync();
        }

        return next.Task;
    }

    private async Task WriteAllAsync()
    {
        while (_nextWrite is { } batch)
        {
            _nextWrite = null;
            _inFlight = batch;
            try
            {
                state.State = Copy(Live);
                await state.WriteStateAsync();
                _unsaved = false;
                batch.SetResult();
            }
            catch (Exception exception)
            {
                // Every report in the write fails with it; the shard keeps their changes, and the next write (or the
                // report's repetition) stores them.
                _unsaved = true;
                batch.SetException(exception);
            }
        }

        _inFlight = null;
    }

    private static StatisticsShardState Copy(StatisticsShardState from) => new()
    {
        Active = new HashSet<string>(from.Active, StringComparer.Ordinal),
        Counters = from.Counters,
    };
}
