namespace PlanFunctions.Core.Execution.Events;

/// <summary>A step's condition was evaluated: an expression by the engine, or an AI question by Azure OpenAI.</summary>
public sealed record ConditionEvaluated : RunEvent
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>Whether the condition holds.</summary>
    public required bool Result { get; init; }

    /// <summary>The AI's explanation or the answer's text, where there is one.</summary>
    public string? Explanation { get; init; }
}
