using Microsoft.DurableTask;

namespace PlanFunctions.DurableTask.Hosting;

/// <summary>Registers the engine's orchestrator, activities and entities with a Durable Task worker.</summary>
public static class PlanFunctionsDurableTaskRegistryExtensions
{
    /// <summary>Adds <c>RunPlan</c>, <c>ExecuteStep</c>, <c>EvaluateAiCondition</c>, <c>WriteRunResponse</c>, <c>PreparePlan</c>, <c>PlanMonitor</c>, <c>RunJournal</c> and <c>ExecutionStatistics</c>.</summary>
    public static DurableTaskRegistry AddPlanFunctionsTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator(PlanFunctionsTaskNames.RunPlan, () => PlanFunctionsTaskFactory.CreateOrchestrator(PlanFunctionsTaskNames.RunPlan)!);
        foreach (var name in new[] { PlanFunctionsTaskNames.ExecuteStep, PlanFunctionsTaskNames.EvaluateAiCondition, PlanFunctionsTaskNames.WriteRunResponse, PlanFunctionsTaskNames.PreparePlan })
        {
            registry.AddActivity(name, services => PlanFunctionsTaskFactory.CreateActivity(name, services)!);
        }

        foreach (var name in new[] { PlanFunctionsTaskNames.PlanMonitor, PlanFunctionsTaskNames.RunJournal, PlanFunctionsTaskNames.ExecutionStatistics })
        {
            registry.AddEntity(name, _ => PlanFunctionsTaskFactory.CreateEntity(name)!);
        }

        return registry;
    }
}
