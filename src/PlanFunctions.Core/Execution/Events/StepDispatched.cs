namespace PlanFunctions.Core.Execution.Events;

/// <summary>An attempt of a step was started, with the time by which it must end.</summary>
public sealed record StepDispatched : RunEvent
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>When the attempt times out.</summary>
    public required DateTimeOffset Deadline { get; init; }
}
