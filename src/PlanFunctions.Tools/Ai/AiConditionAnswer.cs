namespace PlanFunctions.Tools.Ai;

/// <summary>The answer to an AI condition.</summary>
/// <param name="Holds">Whether the condition holds.</param>
/// <param name="Explanation">Why, in the model's words, or why no model could answer.</param>
public sealed record AiConditionAnswer(bool Holds, string? Explanation);
