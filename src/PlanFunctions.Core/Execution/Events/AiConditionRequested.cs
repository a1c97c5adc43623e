namespace PlanFunctions.Core.Execution.Events;

/// <summary>The engine asked Azure OpenAI whether a step's AI condition holds; the answer comes as a ConditionEvaluated event.</summary>
public sealed record AiConditionRequested : RunEvent
{
    /// <summary>The step whose condition was asked.</summary>
    public required string StepId { get; init; }
}
