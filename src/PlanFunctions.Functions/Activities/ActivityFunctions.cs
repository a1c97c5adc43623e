using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Plans;
using PlanFunctions.DurableTask;
using PlanFunctions.DurableTask.Activities;
using PlanFunctions.DurableTask.Hosting;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Tools.Execution;

namespace PlanFunctions.Functions.Activities;

/// <summary>The engine's activities as Durable Functions activity functions.</summary>
public sealed class ActivityFunctions(StepAttemptExecutor steps, RunAssistantActivities assistant, PlanValidationOptions validation, IOptions<DurableTaskEngineOptions> options)
{
    /// <summary>One attempt of a step, its deadline enforced inside.</summary>
    [Function(PlanFunctionsTaskNames.ExecuteStep)]
    public Task<StepAttemptReport> ExecuteStepAsync([ActivityTrigger] ToolAttempt request, CancellationToken cancellationToken) =>
        steps.ExecuteAsync(request, cancellationToken);

    /// <summary>A step's AI condition, asked once (a replay reads the recorded answer).</summary>
    [Function(PlanFunctionsTaskNames.EvaluateAiCondition)]
    public Task<AiConditionAnswer> EvaluateAiConditionAsync([ActivityTrigger] EvaluateAiCondition request, CancellationToken cancellationToken) =>
        assistant.EvaluateConditionAsync(request, cancellationToken);

    /// <summary>The run's final response.</summary>
    [Function(PlanFunctionsTaskNames.WriteRunResponse)]
    public Task<string> WriteRunResponseAsync([ActivityTrigger] RunResponseRequest request, CancellationToken cancellationToken) =>
        assistant.WriteResponseAsync(request, cancellationToken);

    /// <summary>A bare plan handed to <c>RunPlan</c> (Durable Functions' own start route), validated with the host's settings.</summary>
    [Function(PlanFunctionsTaskNames.PreparePlan)]
    public PreparedPlan PreparePlan([ActivityTrigger] string planJson) =>
        PreparedPlan.Prepare(planJson, validation, options.Value);
}
