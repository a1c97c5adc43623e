using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Hosting;

namespace PlanFunctions.Runtime.Entities;

/// <summary>One shard of the statistics entity, persisted in grain storage.</summary>
[GrainType("executionstatistics")]
internal sealed class ExecutionStatisticsGrain(
    [PersistentState("statistics", PlanFunctionsStorage.ProviderName)] IPersistentState<StatisticsShardState> state)
    : Grain, IExecutionStatisticsGrain
{
    public async Task RunStartedAsync(string instanceId)
    {
        if (state.State.Active.Add(instanceId))
        {
            state.State.Counters = state.State.Counters with { TotalPlans = state.State.Counters.TotalPlans + 1 };
            await state.WriteStateAsync();
        }
    }

    public async Task RunEndedAsync(RunEndedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!state.State.Active.Remove(report.InstanceId))
        {
            return;
        }

        var c = state.State.Counters;
        var ended = new ExecutionStatistics
        {
            CompletedPlans = report.RuntimeStatus == RuntimeStatus.Completed ? 1 : 0,
            FailedPlans = report.RuntimeStatus == RuntimeStatus.Failed ? 1 : 0,
            CancelledPlans = report.RuntimeStatus == RuntimeStatus.Canceled ? 1 : 0,
            TerminatedPlans = report.RuntimeStatus == RuntimeStatus.Terminated ? 1 : 0,
            TotalDurationSeconds = report.DurationSeconds,
            Tools = report.Tools,
        };
        state.State.Counters = c.Add(ended);
        await state.WriteStateAsync();
    }

    public Task<ExecutionStatistics> GetAsync() =>
        Task.FromResult(state.State.Counters with { ActiveExecutions = state.State.Active.Count });
}
