using Microsoft.DurableTask;
using PlanFunctions.Core.Completion;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>The <c>WriteRunResponse</c> activity for a plain Durable Task worker.</summary>
public sealed class WriteRunResponseActivity(RunAssistantActivities assistant) : TaskActivity<RunResponseRequest, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, RunResponseRequest input) =>
        assistant.WriteResponseAsync(input, CancellationToken.None);
}
