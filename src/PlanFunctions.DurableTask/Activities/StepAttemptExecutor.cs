using PlanFunctions.Tools.Execution;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>
/// Runs one attempt of a step with the shared <see cref="ToolAttemptRunner"/>: its tool under the attempt's deadline
/// (so that no activity outlives its step), classified by Core. The body of the <c>ExecuteStep</c> activity.
/// </summary>
public sealed class StepAttemptExecutor(ToolAttemptRunner runner)
{
    /// <summary>Runs the attempt; never throws for a tool's failure, only for the host's cancellation.</summary>
    public async Task<StepAttemptReport> ExecuteAsync(ToolAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var result = await runner.RunAsync(attempt, cancellationToken).ConfigureAwait(false);

        // No result only when the host cancelled the activity: it is not reported, the backend runs it again.
        cancellationToken.ThrowIfCancellationRequested();
        return StepAttemptReport.From(result ?? throw new OperationCanceledException(cancellationToken));
    }
}
