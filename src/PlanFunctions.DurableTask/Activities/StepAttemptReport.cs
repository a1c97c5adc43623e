using System.Text.Json;
using PlanFunctions.Core.Results;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>
/// The output of the <c>ExecuteStep</c> activity on the wire: Core's <see cref="StepAttemptResult"/> as JSON the
/// orchestration history stores (a failure carries no output, which a bare <see cref="JsonElement"/> could not be).
/// </summary>
public sealed record StepAttemptReport
{
    /// <summary>Whether the tool returned an output.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The tool's output, when it succeeded.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Why the attempt failed (Core's text).</summary>
    public string? Error { get; init; }

    /// <summary>Whether another attempt may succeed.</summary>
    public bool Retryable { get; init; }

    /// <summary>Whether the attempt was stopped at its deadline.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The report of Core's result.</summary>
    public static StepAttemptReport From(StepAttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new()
        {
            Succeeded = result.Succeeded,
            Output = result.Succeeded ? result.Output : null,
            Error = result.Error,
            Retryable = result.Retryable,
            TimedOut = result.TimedOut,
        };
    }

    /// <summary>Core's result again, as the orchestrator records it.</summary>
    public StepAttemptResult ToAttemptResult() => new(Succeeded, Output ?? default, Error, Retryable, TimedOut);
}
