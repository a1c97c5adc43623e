namespace PlanFunctions.Core.Execution.Events;

/// <summary>An attempt of a step failed.</summary>
public sealed record StepFailed : RunEvent
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt that failed.</summary>
    public required int Attempt { get; init; }

    /// <summary>What went wrong.</summary>
    public required string Error { get; init; }

    /// <summary>Whether another attempt may succeed (network faults, timeouts, HTTP 408/429/5xx).</summary>
    public required bool Retryable { get; init; }
}
