namespace PlanFunctions.Core.Execution;

/// <summary>The <c>output</c> of an ended run: <c>{ outcome, steps, response, error }</c>.</summary>
public sealed record RunOutput
{
    /// <summary>Whether the run succeeded, partly succeeded or failed.</summary>
    public required RunOutcome Outcome { get; init; }

    /// <summary>Every step of the plan by id, with how it ended.</summary>
    public required IReadOnlyDictionary<string, StepOutcome> Steps { get; init; }

    /// <summary>The final response, written for the plan's goal.</summary>
    public string? Response { get; init; }

    /// <summary>Why a run that did not succeed ended so.</summary>
    public string? Error { get; init; }
}
