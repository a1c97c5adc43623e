using System.Text.RegularExpressions;

namespace PlanFunctions.TestSupport.Scenarios;

/// <summary>One request the <see cref="ScenarioWorld"/> received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The URL's path.</param>
/// <param name="Query">The URL's query parameters, unescaped.</param>
/// <param name="Body">The body as text.</param>
/// <param name="Received">When it arrived, by the test's clock.</param>
public sealed partial record ScenarioRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body, DateTimeOffset Received)
{
    /// <summary>The question of an AI condition this request asks, or null when it asks something else.</summary>
    public string? ConditionQuestion => Condition()?.Question;

    /// <summary>The step whose AI condition this request asks, or null when it asks something else.</summary>
    public string? ConditionStep => Condition()?.StepId;

    /// <summary>The goal of the plan an AI condition request is about, or null.</summary>
    public string? ConditionGoal => Condition()?.Goal;

    private (string StepId, string Question, string Goal)? Condition()
    {
        if (!Path.EndsWith("/chat/completions", StringComparison.Ordinal) || !ScenarioWorld.IsCondition(Body))
        {
            return null;
        }

        var text = ScenarioWorld.UserText(Body);
        var question = QuestionLine().Match(text);
        var goal = GoalLine().Match(text);
        return question.Success ? (question.Groups[1].Value, question.Groups[2].Value.Trim(), goal.Groups[1].Value.Trim()) : null;
    }

    [GeneratedRegex(@"Question \(the condition of step '([^']+)'\): ([^\n]*)")]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"Goal of the plan: ([^\n]*)")]
    private static partial Regex GoalLine();
}
