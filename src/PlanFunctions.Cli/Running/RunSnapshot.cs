using PlanFunctions.Core.Execution;

namespace PlanFunctions.Cli.Running;

/// <summary>A run as one poll saw it: its progress and every step, in the plan's order.</summary>
/// <param name="Name">The plan's name.</param>
/// <param name="InstanceId">The run's instance id.</param>
/// <param name="Progress">The run's ExecutionProgress (its <c>customStatus</c>).</param>
/// <param name="Steps">Every step of the plan.</param>
/// <param name="Now">When the poll was made.</param>
/// <param name="CancelRequested">Whether Ctrl+C has asked the run to cancel.</param>
internal sealed record RunSnapshot(
    string Name,
    string InstanceId,
    ExecutionProgress Progress,
    IReadOnlyList<StepProgress> Steps,
    DateTimeOffset Now,
    bool CancelRequested)
{
    /// <summary>Whether the run has ended.</summary>
    public bool IsEnded => Progress.Status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Canceled or RuntimeStatus.Terminated;

    /// <summary>How many steps have ended.</summary>
    public int EndedSteps => Progress.CompletedSteps + Progress.FailedSteps + Progress.SkippedSteps + Progress.CancelledSteps;
}
