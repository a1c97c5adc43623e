using System.Text.Json;

namespace PlanFunctions.Core.Execution.Commands;

/// <summary>Ask Azure OpenAI the yes/no question of a step's AI condition over the goal and the outputs of the step's dependencies; record the answer as ConditionEvaluated.</summary>
public sealed record EvaluateAiCondition : RunCommand
{
    /// <summary>The step whose condition is asked.</summary>
    public required string StepId { get; init; }

    /// <summary>The question.</summary>
    public required string Question { get; init; }

    /// <summary>The plan's goal.</summary>
    public string? Goal { get; init; }

    /// <summary>The outputs of the step's direct dependencies that succeeded, by step id.</summary>
    public required IReadOnlyDictionary<string, JsonElement> DependencyOutputs { get; init; }
}
