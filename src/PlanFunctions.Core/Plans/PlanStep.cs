using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Plans;

/// <summary>One step of a plan: a call of one tool, with its dependencies, condition, retry and timeout.</summary>
public sealed record PlanStep
{
    /// <summary>The step's id, unique in the plan; how other steps, templates and conditions name it.</summary>
    public required string Id { get; init; }

    /// <summary>A name for people.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>A description for people.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>The registered tool this step calls.</summary>
    public required string Tool { get; init; }

    /// <summary>The tool's parameters before templates are filled in; <see langword="null"/> means <c>{}</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Parameters { get; init; }

    /// <summary>The ids of the steps that must have ended before this one starts.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The condition under which the step runs; otherwise it is skipped.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepCondition? Condition { get; init; }

    /// <summary>The step's own retry policy; <see langword="null"/> means the plan's default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RetryPolicy? Retry { get; init; }

    /// <summary>The limit of one attempt in seconds; <see langword="null"/> means the plan's default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TimeoutSeconds { get; init; }

    /// <summary>Whether the run stops when this step has finally failed; <see langword="null"/> means the plan's default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? StopOnFailure { get; init; }

    /// <summary>The retry policy in force: the step's, else the plan's default, else the built-in default.</summary>
    public RetryPolicy EffectiveRetry(PlanDefaults? defaults) => Retry ?? defaults?.Retry ?? RetryPolicy.Default;

    /// <summary>The attempt limit in force, in seconds.</summary>
    public double EffectiveTimeoutSeconds(PlanDefaults? defaults) =>
        TimeoutSeconds ?? defaults?.TimeoutSeconds ?? PlanDefaults.StepTimeoutSeconds;

    /// <summary>Whether the run stops when this step finally fails, with defaults applied.</summary>
    public bool EffectiveStopOnFailure(PlanDefaults? defaults) => StopOnFailure ?? defaults?.StopOnFailure ?? false;
}
