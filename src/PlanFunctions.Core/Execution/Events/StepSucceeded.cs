using System.Text.Json;

namespace PlanFunctions.Core.Execution.Events;

/// <summary>An attempt of a step returned its output.</summary>
public sealed record StepSucceeded : RunEvent
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt that returned.</summary>
    public required int Attempt { get; init; }

    /// <summary>The tool's output, within the size limit.</summary>
    public required JsonElement Output { get; init; }
}
