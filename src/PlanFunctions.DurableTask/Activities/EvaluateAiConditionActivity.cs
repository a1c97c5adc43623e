using Microsoft.DurableTask;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>The <c>EvaluateAiCondition</c> activity for a plain Durable Task worker.</summary>
public sealed class EvaluateAiConditionActivity(RunAssistantActivities assistant) : TaskActivity<EvaluateAiCondition, AiConditionAnswer>
{
    /// <inheritdoc />
    public override Task<AiConditionAnswer> RunAsync(TaskActivityContext context, EvaluateAiCondition input) =>
        assistant.EvaluateConditionAsync(input, CancellationToken.None);
}
