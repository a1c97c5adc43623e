namespace PlanFunctions.Core.Execution.Events;

/// <summary>The run was terminated: it stops at once, Terminated.</summary>
public sealed record TerminateRequested : RunEvent
{
    /// <summary>Why, if the caller said.</summary>
    public string? Reason { get; init; }
}
