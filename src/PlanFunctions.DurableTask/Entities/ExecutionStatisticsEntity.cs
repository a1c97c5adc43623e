using Microsoft.DurableTask.Entities;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.DurableTask.Entities;

/// <summary>
/// One shard of the <c>ExecutionStatistics</c> entity (key: the shard number): the runs whose instance ids hash to
/// it. Signalled by the <c>RunPlan</c> orchestrator when a run starts and when it ends; a run reported twice counts once.
/// </summary>
public sealed class ExecutionStatisticsEntity : TaskEntity<ExecutionStatisticsState>
{
    /// <summary>Operation: a run started.</summary>
    public void RunStarted(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (State.Active.Add(instanceId))
        {
            State = State with { Counters = State.Counters with { TotalPlans = State.Counters.TotalPlans + 1 } };
        }
    }

    /// <summary>Operation: a run ended.</summary>
    public void RunEnded(RunEndedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (State.Active.Remove(report.InstanceId))
        {
            State = State with { Counters = RunStatistics.AddEnded(State.Counters, report) };
        }
    }

    /// <summary>
    /// Operation: a rewind reopened a run whose end (<paramref name="rewoundEnd"/>) was counted; its end is taken back
    /// and it counts as under way again. A run already under way (the rewind reported twice) changes nothing.
    /// </summary>
    public void RunRewound(RunEndedReport rewoundEnd)
    {
        ArgumentNullException.ThrowIfNull(rewoundEnd);
        if (State.Active.Add(rewoundEnd.InstanceId))
        {
            State = State with { Counters = RunStatistics.RemoveEnded(State.Counters, rewoundEnd) };
        }
    }

    /// <summary>Operation: the shard's counters.</summary>
    public ExecutionStatistics Get() => State.ToStatistics();

    /// <summary>The shard that counts a run: a stable hash of its instance id (the same in every process).</summary>
    public static int ShardOf(string instanceId, int shards)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Math.Max(1, shards));
    }

    /// <inheritdoc />
    protected override ExecutionStatisticsState InitializeState(TaskEntityOperation entityOperation) => new();
}
