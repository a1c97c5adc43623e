namespace PlanFunctions.Core.Execution.Events;

/// <summary>The cancel event was raised: running steps are cancelled, nothing new starts, the run ends Canceled.</summary>
public sealed record CancelRequested : RunEvent
{
    /// <summary>Why, if the caller said.</summary>
    public string? Reason { get; init; }
}
