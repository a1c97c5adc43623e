using PlanFunctions.Core.Execution;

namespace PlanFunctions.Cli.Running;

/// <summary>How one step of a run stands at a moment: what the progress views show a row of.</summary>
/// <param name="Id">The step's id.</param>
/// <param name="Tool">The tool it calls.</param>
/// <param name="Outcome">Its status, attempts, error and times, as in the run's output.</param>
internal sealed record StepProgress(string Id, string Tool, StepOutcome Outcome)
{
    /// <summary>Whether the step has ended (succeeded, failed, skipped or cancelled).</summary>
    public bool IsEnded => Outcome.Status is StepStatus.Succeeded or StepStatus.Failed or StepStatus.Skipped or StepStatus.Cancelled;

    /// <summary>Whether an attempt is under way or the next one is waiting for its time.</summary>
    public bool IsActive => Outcome.Status is StepStatus.Running or StepStatus.WaitingToRetry;

    /// <summary>How long the step has taken so far (until it ended, once it has); none before it started.</summary>
    public TimeSpan? Duration(DateTimeOffset now) => Outcome.StartedTime is { } started
        ? (Outcome.CompletedTime ?? now) - started
        : null;
}
