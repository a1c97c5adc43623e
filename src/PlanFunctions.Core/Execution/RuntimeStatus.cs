namespace PlanFunctions.Core.Execution;

/// <summary>The <c>runtimeStatus</c> of a run, named as in Durable Functions.</summary>
public enum RuntimeStatus
{
    /// <summary>Accepted, not started yet.</summary>
    Pending,

    /// <summary>Started and not ended.</summary>
    Running,

    /// <summary>Reached its end and no step failed.</summary>
    Completed,

    /// <summary>A step finally failed, the plan timed out, or it could not run.</summary>
    Failed,

    /// <summary>A <c>cancel</c> event was raised and the run wound down.</summary>
    Canceled,

    /// <summary>The terminate operation stopped it at once.</summary>
    Terminated,

    /// <summary>Suspended: no new step starts until it is resumed.</summary>
    Suspended,
}
