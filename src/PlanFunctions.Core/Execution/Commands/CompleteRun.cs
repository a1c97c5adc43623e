namespace PlanFunctions.Core.Execution.Commands;

/// <summary>Every step has ended: write the final response and record RunCompleted with this status.</summary>
public sealed record CompleteRun : RunCommand
{
    /// <summary>The run's final status.</summary>
    public required RuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Why a run that did not succeed ended so.</summary>
    public string? Error { get; init; }
}
