namespace PlanFunctions.Core.Execution.Events;

/// <summary>The run was suspended: no new step starts until it is resumed; running ones finish.</summary>
public sealed record SuspendRequested : RunEvent
{
    /// <summary>Why, if the caller said.</summary>
    public string? Reason { get; init; }
}
