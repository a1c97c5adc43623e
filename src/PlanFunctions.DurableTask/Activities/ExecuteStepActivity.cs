using Microsoft.DurableTask;
using PlanFunctions.Tools.Execution;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>The <c>ExecuteStep</c> activity for a plain Durable Task worker: one attempt of a step.</summary>
public sealed class ExecuteStepActivity(StepAttemptExecutor executor) : TaskActivity<ToolAttempt, StepAttemptReport>
{
    /// <inheritdoc />
    public override Task<StepAttemptReport> RunAsync(TaskActivityContext context, ToolAttempt input) =>
        executor.ExecuteAsync(input, CancellationToken.None);
}
