namespace PlanFunctions.Core.Execution.Events;

/// <summary>A step was not run: its condition did not hold, or a dependency did not succeed.</summary>
public sealed record StepSkipped : RunEvent
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>Why it was skipped, naming the condition or the dependency.</summary>
    public required string Reason { get; init; }
}
