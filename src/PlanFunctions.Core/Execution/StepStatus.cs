namespace PlanFunctions.Core.Execution;

/// <summary>The status of one step in a run.</summary>
public enum StepStatus
{
    /// <summary>Not started: waiting for its dependencies, or not yet dispatched.</summary>
    Pending,

    /// <summary>An attempt is under way.</summary>
    Running,

    /// <summary>An attempt failed with a retryable failure; the next attempt waits for its time.</summary>
    WaitingToRetry,

    /// <summary>Ended with an output.</summary>
    Succeeded,

    /// <summary>Ended without one: a fatal failure, or the last allowed attempt failed.</summary>
    Failed,

    /// <summary>Not run: its condition did not hold, or a dependency did not succeed.</summary>
    Skipped,

    /// <summary>Not run to its end: the run was cancelled, terminated, timed out or stopped on a failure.</summary>
    Cancelled,
}
