namespace PlanFunctions.Runtime.Orchestration;

/// <summary>The answer to a step's AI condition.</summary>
/// <param name="StepId">The step.</param>
/// <param name="Holds">Whether the condition holds.</param>
/// <param name="Explanation">Why.</param>
public sealed record ConditionAnswerReport(string StepId, bool Holds, string? Explanation);
