using System.Text.Json;
using PlanFunctions.Core.Results;

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

    /// <summary>Whether the attempt was stopped at its deadline.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The report of an attempt's result, as the activity sends it.</summary>
    public static StepResultReport Of(string stepId, int attempt, StepAttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new()
        {
            StepId = stepId,
            Attempt = attempt,
            Succeeded = result.Succeeded,
            Output = result.Succeeded ? result.Output : null,
            Error = result.Error,
            Retryable = result.Retryable,
            TimedOut = result.TimedOut,
        };
    }

    /// <summary>The attempt's result as the run decides on it.</summary>
    public StepAttemptResult ToAttemptResult() => new(Succeeded, Output ?? default, Error, Retryable, TimedOut);
}
