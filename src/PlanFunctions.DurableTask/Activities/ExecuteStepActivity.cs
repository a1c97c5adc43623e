using Microsoft.DurableTask;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>The <c>ExecuteStep</c> activity for a plain Durable Task worker: one attempt of a step.</summary>
public sealed class ExecuteStepActivity(StepAttemptExecutor executor) : TaskActivity<StepAttemptRequest, StepAttemptReport>
{
    /// <inheritdoc />
    public override Task<StepAttemptReport> RunAsync(TaskActivityContext context, StepAttemptRequest input) =>
        executor.ExecuteAsync(input, CancellationToken.None);
}
