using System.Text.Json;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>How one attempt of a step ended, as its activity reports it.</summary>
public sealed record StepResultReport
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt.</summary>
    public required int Attempt { get; init; }

    /// <summary>Whether the tool returned an output.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The output, when it succeeded.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>What went wrong, when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Whether another attempt may succeed, when it failed.</summary>
    public bool Retryable { get; init; }
}
