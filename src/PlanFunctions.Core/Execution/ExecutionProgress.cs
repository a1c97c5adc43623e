namespace PlanFunctions.Core.Execution;

/// <summary>
/// A run's progress, the <c>customStatus</c> of its status document and the state of its PlanMonitor entity.
/// </summary>
public sealed record ExecutionProgress
{
    /// <summary>The run this is the progress of (its instance id).</summary>
    public required string PlanId { get; init; }

    /// <summary>The step most recently started that is still running, if any.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>The number of steps in the plan.</summary>
    public int TotalSteps { get; init; }

    /// <summary>Steps that succeeded.</summary>
    public int CompletedSteps { get; init; }

    /// <summary>Steps that finally failed.</summary>
    public int FailedSteps { get; init; }

    /// <summary>Steps that were skipped.</summary>
    public int SkippedSteps { get; init; }

    /// <summary>Steps that were cancelled.</summary>
    public int CancelledSteps { get; init; }

    /// <summary>The run's <c>runtimeStatus</c>.</summary>
    public required RuntimeStatus Status { get; init; }

    /// <summary>Seconds since the run started (until it ended, once it has).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Seconds left before the run's deadline, after any <c>extendTimeout</c>; 0 once past or ended.</summary>
    public double RemainingSeconds { get; init; }
}
