namespace PlanFunctions.Core.Execution.Events;

/// <summary>
/// A <c>Failed</c> run was rewound: it is <c>Running</c> again, its failed steps and the steps skipped or cancelled
/// because of them run again with fresh attempts (attempt numbers go on counting), succeeded steps keep their outputs,
/// and the run has a new deadline, its whole timeout from the rewind. Ignored by a run that is not ended <c>Failed</c>.
/// </summary>
public sealed record RunRewound : RunEvent
{
    /// <summary>Why, if the caller said.</summary>
    public string? Reason { get; init; }
}
