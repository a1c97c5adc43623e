namespace PlanFunctions.Core.Execution.Commands;

/// <summary>Cancel attempt N of a step that is under way: its result, if one still comes, is ignored.</summary>
public sealed record CancelAttempt : RunCommand
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt to cancel.</summary>
    public required int Attempt { get; init; }

    /// <summary>Why: timeout, cancel, terminate, stop on failure.</summary>
    public required string Reason { get; init; }
}
