using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.DurableTask.Activities;
using PlanFunctions.DurableTask.Entities;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.DurableTask.Hosting;

/// <summary>
/// Creates the engine's orchestrator, activities and entities by name: what <c>AddPlanFunctionsTasks</c> registers
/// with a Durable Task worker, and what a host that dispatches work items itself (the local runner) calls.
/// </summary>
public static class PlanFunctionsTaskFactory
{
    /// <summary>The orchestrator of this name, or <see langword="null"/>.</summary>
    public static ITaskOrchestrator? CreateOrchestrator(string name) =>
        string.Equals(name, PlanFunctionsTaskNames.RunPlan, StringComparison.OrdinalIgnoreCase) ? new RunPlanOrchestrator() : null;

    /// <summary>The activity of this name, built from <paramref name="services"/>, or <see langword="null"/>.</summary>
    public static ITaskActivity? CreateActivity(string name, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            PlanFunctionsTaskNames.ExecuteStep => ActivatorUtilities.CreateInstance<ExecuteStepActivity>(services),
            PlanFunctionsTaskNames.EvaluateAiCondition => ActivatorUtilities.CreateInstance<EvaluateAiConditionActivity>(services),
            PlanFunctionsTaskNames.WriteRunResponse => ActivatorUtilities.CreateInstance<WriteRunResponseActivity>(services),
            PlanFunctionsTaskNames.PreparePlan => ActivatorUtilities.CreateInstance<PreparePlanActivity>(services),
            _ => null,
        };
    }

    /// <summary>The entity of this name (compared ignoring case: storage keeps entity names lower-case), or <see langword="null"/>.</summary>
    public static ITaskEntity? CreateEntity(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, PlanFunctionsTaskNames.PlanMonitor, StringComparison.OrdinalIgnoreCase))
        {
            return new PlanMonitorEntity();
        }

        if (string.Equals(name, PlanFunctionsTaskNames.RunJournal, StringComparison.OrdinalIgnoreCase))
        {
            return new RunJournalEntity();
        }

        return string.Equals(name, PlanFunctionsTaskNames.ExecutionStatistics, StringComparison.OrdinalIgnoreCase)
            ? new ExecutionStatisticsEntity()
            : null;
    }
}
