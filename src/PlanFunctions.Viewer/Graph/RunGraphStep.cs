using System.Text.Json;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.Viewer.Graph;

/// <summary>One step of a run graph: where it is drawn, what it is and how it stands.</summary>
public sealed record RunGraphStep
{
    /// <summary>The step's id.</summary>
    public required string Id { get; init; }

    /// <summary>The step's name, if the plan gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The step's description, if the plan gives one.</summary>
    public string? Description { get; init; }

    /// <summary>The tool it calls.</summary>
    public required string Tool { get; init; }

    /// <summary>The ids of the steps it depends on.</summary>
    public required IReadOnlyList<string> DependsOn { get; init; }

    /// <summary>Its layer: 0 without dependencies, otherwise one below its deepest dependency.</summary>
    public required int Layer { get; init; }

    /// <summary>Its parameters as the plan has them, before templates are filled in.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>Its condition: the expression, or <c>ai: question</c>.</summary>
    public string? Condition { get; init; }

    /// <summary>Its status.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>How many attempts were started.</summary>
    public int Attempts { get; init; }

    /// <summary>When its first attempt started.</summary>
    public DateTimeOffset? StartedTime { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? CompletedTime { get; init; }

    /// <summary>Its output, when it succeeded and the output is small enough to show (<see cref="OutputTruncated"/> otherwise).</summary>
    public JsonElement? Output { get; init; }

    /// <summary>The first characters of an output too large to show whole.</summary>
    public string? OutputPreview { get; init; }

    /// <summary>Whether the output was too large to show whole.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>Why it did not succeed.</summary>
    public string? Error { get; init; }
}
