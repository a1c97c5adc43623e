using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Plans;

/// <summary>The plan's <c>defaults</c>: values for every step that does not set its own.</summary>
public sealed record PlanDefaults
{
    /// <summary>The run's deadline when the plan sets none: two hours.</summary>
    public const double RunTimeoutSeconds = 7200;

    /// <summary>The limit of one attempt when neither the step nor the plan's defaults set one.</summary>
    public const double StepTimeoutSeconds = 300;

    /// <summary>The retry policy of steps that set none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RetryPolicy? Retry { get; init; }

    /// <summary>The attempt limit of steps that set none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TimeoutSeconds { get; init; }

    /// <summary>Whether steps that do not say so stop the run when they finally fail.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? StopOnFailure { get; init; }
}
