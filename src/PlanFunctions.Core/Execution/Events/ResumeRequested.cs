namespace PlanFunctions.Core.Execution.Events;

/// <summary>A suspended run was resumed.</summary>
public sealed record ResumeRequested : RunEvent
{
    /// <summary>Why, if the caller said.</summary>
    public string? Reason { get; init; }
}
