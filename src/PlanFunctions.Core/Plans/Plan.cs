using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Plans;

/// <summary>A plan: a named graph of tool calls, the input of one plan run (plan-format.md, version 1).</summary>
public sealed record Plan
{
    /// <summary>The plan's name, shown in status and metrics.</summary>
    public required string Name { get; init; }

    /// <summary>The natural-language aim; the final response is written for it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Goal { get; init; }

    /// <summary>Data read by templates and conditions as <c>input</c>; <see langword="null"/> when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Input { get; init; }

    /// <summary>The whole run's deadline in seconds; <see langword="null"/> means <see cref="PlanDefaults.RunTimeoutSeconds"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TimeoutSeconds { get; init; }

    /// <summary>Values applied to every step that does not set its own.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanDefaults? Defaults { get; init; }

    /// <summary>The work, in the order the author wrote it.</summary>
    public required IReadOnlyList<PlanStep> Steps { get; init; }

    /// <summary>The run's deadline in seconds after its start, with the default applied.</summary>
    [JsonIgnore]
    public double EffectiveTimeoutSeconds => TimeoutSeconds ?? PlanDefaults.RunTimeoutSeconds;
}
