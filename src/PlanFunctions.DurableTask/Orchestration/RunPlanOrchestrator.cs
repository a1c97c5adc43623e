using Microsoft.DurableTask;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.DurableTask.Orchestration;

/// <summary>
/// The <c>RunPlan</c> orchestrator: a driver of Core's <see cref="PlanRun"/>. It folds the run's events, asks
/// <see cref="PlanRun.Decide"/> what to do, and carries the commands out with Durable primitives only: an activity per
/// step attempt, durable timers for deadlines and back-off, external events for <c>cancel</c>, <c>extendTimeout</c> and
/// <c>waitForEvent</c> steps, entity signals for the monitor and the statistics, and <c>ContinueAsNew</c> to keep the
/// history short. Its only clock is <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </summary>
public sealed class RunPlanOrchestrator : TaskOrchestrator<RunPlanInput, RunOutput?>
{
    /// <summary>Awaited results per generation before the orchestration continues as new, unless the input says otherwise.</summary>
    public const int DefaultTurnsPerGeneration = 500;

    /// <summary>Statistics shards, unless the input says otherwise.</summary>
    public const int DefaultStatisticsShards = 8;

    /// <inheritdoc />
    public override Task<RunOutput?> RunAsync(TaskOrchestrationContext context, RunPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new RunDriver(context, input).RunAsync();
    }
}
