namespace PlanFunctions.Core.Execution.Events;

/// <summary>An attempt of a step ran past its timeout; it is cancelled and counts as a retryable failure.</summary>
public sealed record StepTimedOut : RunEvent
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt that timed out.</summary>
    public required int Attempt { get; init; }
}
