using System.Text.Json;
using Microsoft.DurableTask;
using PlanFunctions.Core.Execution;
using PlanFunctions.DurableTask.Activities;

namespace PlanFunctions.DurableTask.Orchestration;

/// <summary>
/// The <c>RunPlan</c> orchestrator: a driver of Core's <see cref="PlanRun"/>. It folds the run's events, asks
/// <see cref="PlanRun.Decide"/> what to do, and carries the commands out with Durable primitives only: an activity per
/// step attempt, durable timers for deadlines and back-off, external events for <c>cancel</c>, <c>extendTimeout</c> and
/// <c>waitForEvent</c> steps, entity signals for the monitor, the journal and the statistics, and <c>ContinueAsNew</c>
/// with Core's snapshot to keep the history short. Its only clock is <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </summary>
/// <remarks>
/// Its input is a <see cref="RunPlanInput"/>, or a bare plan (what Durable Functions' own start route hands it): a bare
/// plan is validated with the host's settings by the <c>PreparePlan</c> activity, and the run then continues as new with
/// its <see cref="RunPlanInput"/>; a plan with problems ends the orchestration Failed, naming every problem.
/// </remarks>
public sealed class RunPlanOrchestrator : TaskOrchestrator<JsonElement, RunOutput?>
{
    /// <summary>Awaited results per generation before the orchestration drains and continues as new, unless the input says otherwise.</summary>
    public const int DefaultTurnsPerGeneration = 500;

    /// <summary>Statistics shards, unless the input says otherwise.</summary>
    public const int DefaultStatisticsShards = 8;

    /// <inheritdoc />
    public override Task<RunOutput?> RunAsync(TaskOrchestrationContext context, JsonElement input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunPlanInput.TryRead(input) is { } run
            ? new RunDriver(context, run).RunAsync()
            : PrepareAsync(context, input);
    }

    private static async Task<RunOutput?> PrepareAsync(TaskOrchestrationContext context, JsonElement plan)
    {
        var prepared = await context.CallActivityAsync<PreparedPlan>(
            PlanFunctionsTaskNames.PreparePlan, plan.ValueKind == JsonValueKind.Undefined ? "null" : plan.GetRawText());
        if (prepared.Input is null)
        {
            throw new InvalidOperationException(
                $"The plan was not accepted ({prepared.Problems.Count} problem{(prepared.Problems.Count == 1 ? string.Empty : "s")}):\n"
                + string.Join("\n", prepared.Problems.Select(p => "- " + p)));
        }

        context.ContinueAsNew(prepared.Input, preserveUnprocessedEvents: true);
        return null;
    }
}
