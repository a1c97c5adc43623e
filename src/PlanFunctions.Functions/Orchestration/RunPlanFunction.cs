using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PlanFunctions.Core.Execution;
using PlanFunctions.DurableTask;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.Functions.Orchestration;

/// <summary>The <c>RunPlan</c> orchestrator function: the engine's orchestrator, as Durable Functions calls it.</summary>
public static class RunPlanFunction
{
    /// <summary>Runs one plan (the input the starter scheduled, a bare plan from Durable Functions' start route, or what <c>ContinueAsNew</c> carried).</summary>
    [Function(PlanFunctionsTaskNames.RunPlan)]
    public static Task<RunOutput?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RunPlanOrchestrator().RunAsync(context, context.GetInput<JsonElement>());
}
