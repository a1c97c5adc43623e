using System.Text.Json;
using System.Text.Json.Serialization;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Execution;

/// <summary>One step in a run's output: <c>{ status, attempts, output, error, startedTime, completedTime }</c>.</summary>
public sealed record StepOutcome
{
    /// <summary>The step's status.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>How many attempts were started.</summary>
    public int Attempts { get; init; }

    /// <summary>The output of the attempt that succeeded; a JSON <c>null</c> output stays one across serialization.</summary>
    [JsonConverter(typeof(NullKeepingJsonElementConverter))]
    public JsonElement? Output { get; init; }

    /// <summary>Why the step did not succeed (the last failure, the skip or cancel reason).</summary>
    public string? Error { get; init; }

    /// <summary>When the first attempt started.</summary>
    public DateTimeOffset? StartedTime { get; init; }

    /// <summary>When the step ended.</summary>
    public DateTimeOffset? CompletedTime { get; init; }
}
