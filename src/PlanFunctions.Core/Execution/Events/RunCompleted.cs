namespace PlanFunctions.Core.Execution.Events;

/// <summary>The run ended, with the final response written for the plan's goal; the last event of every run.</summary>
public sealed record RunCompleted : RunEvent
{
    /// <summary>The final <c>runtimeStatus</c>, as the engine decided it.</summary>
    public required RuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Why a run that did not succeed ended so.</summary>
    public string? Error { get; init; }

    /// <summary>The final response.</summary>
    public string? Response { get; init; }
}
