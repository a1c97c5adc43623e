using System.Text.Json.Serialization;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// A step's <c>condition</c>: either an expression over the run's data, or a yes/no question for Azure OpenAI
/// (<c>{ "ai": "question" }</c>). Exactly one of <see cref="Expression"/> and <see cref="AiQuestion"/> is set.
/// </summary>
[JsonConverter(typeof(StepConditionJsonConverter))]
public sealed record StepCondition
{
    /// <summary>The expression text, for an expression condition.</summary>
    public string? Expression { get; init; }

    /// <summary>The question, for an AI condition.</summary>
    public string? AiQuestion { get; init; }

    /// <summary>Whether this condition asks Azure OpenAI.</summary>
    [JsonIgnore]
    public bool IsAi => AiQuestion is not null;

    /// <summary>An expression condition.</summary>
    public static StepCondition FromExpression(string expression) => new() { Expression = expression };

    /// <summary>An AI condition.</summary>
    public static StepCondition FromAiQuestion(string question) => new() { AiQuestion = question };
}
