using System.Text.Json;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>The output of the <c>ExecuteStep</c> activity: how one attempt ended.</summary>
public sealed record StepAttemptResult
{
    /// <summary>Whether the tool returned an output.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The tool's output, when it succeeded.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Why the attempt failed.</summary>
    public string? Error { get; init; }

    /// <summary>Whether another attempt may succeed.</summary>
    public bool Retryable { get; init; }

    /// <summary>Whether the attempt was stopped at its deadline (Core records StepTimedOut).</summary>
    public bool TimedOut { get; init; }
}
