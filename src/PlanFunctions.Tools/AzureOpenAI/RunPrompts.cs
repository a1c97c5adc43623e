using PlanFunctions.Core.Completion;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// The messages the run assistant sends. Step outputs are bounded: each is cut at <see cref="MaxValueCharacters"/>
/// and all of them together at <see cref="MaxContextCharacters"/>, so a large output never makes a prompt too long.
/// </summary>
internal static class RunPrompts
{
    public const int MaxValueCharacters = 4_000;
    public const int MaxContextCharacters = 24_000;

    public const string ConditionSystem =
        "You decide a yes/no condition in an automated plan run. Answer only from the goal and the step outputs you are "
        + "given. Reply with a JSON object and nothing else: {\"answer\": \"yes\" or \"no\", \"explanation\": \"one short sentence\"}.";

    public const string ResponseSystem =
        "You write the final response of an automated plan run for the person who set its goal. Use only the facts "
        + "given: say what was achieved for the goal, with the results that matter, and plainly what did not work. "
        + "Be concise; plain text, no preamble.";

    public const string AnalysisSystem =
        "You explain why an automated plan run failed, for the person who has to fix it. Use only the facts given: the "
        + "root cause (which steps failed and their errors), what did not run because of it, and what would likely fix "
        + "it. Be concise; plain text, no preamble.";

    public static string Condition(EvaluateAiCondition request)
    {
        var budget = new Budget();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Goal of the plan: {Goal(request.Goal)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Question (the condition of step '{request.StepId}'): {request.Question}\n\n");
        text.Append("Outputs of the steps it depends on, as JSON, by step id:\n");
        if (request.DependencyOutputs.Count == 0)
        {
            text.Append("(none: no step it depends on produced an output)\n");
        }

        foreach (var (stepId, output) in request.DependencyOutputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"- '{stepId}': {budget.Take(output)}\n");
        }

        text.Append("\nDoes the condition hold? Reply with the JSON object {\"answer\": \"yes\" or \"no\", \"explanation\": \"...\"}.");
        return text.ToString();
    }

    public static string Response(RunResponseRequest request) =>
        Run(request) + "\nWrite the final response of this run for its goal.";

    public static string Analysis(RunResponseRequest request) =>
        Run(request)
        + "\nWhat the engine found:\n" + RunFailureAnalysis.Describe(request)
        + "\n\nExplain why the run failed and what would likely fix it.";

    private static string Run(RunResponseRequest request)
    {
        var budget = new Budget();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan: {request.Plan.Name}\nGoal: {Goal(request.Plan.Goal)}\n");
        text.Append(CultureInfo.InvariantCulture, $"The run ended {request.RuntimeStatus}");
        text.Append(request.Error is { Length: > 0 } error ? $": {error}\n" : ".\n");
        text.Append("\nSteps, in the plan's order (outputs as JSON):\n");
        foreach (var step in request.Plan.Steps)
        {
            if (!request.Steps.TryGetValue(step.Id, out var outcome))
            {
                continue;
            }

            var attempts = outcome.Attempts == 1 ? "1 attempt" : $"{outcome.Attempts.ToString(CultureInfo.InvariantCulture)} attempts";
            text.Append(CultureInfo.InvariantCulture, $"- '{step.Id}' (tool {step.Tool}): {outcome.Status}, {attempts}");
            if (step.Description is { Length: > 0 } description)
            {
                text.Append(CultureInfo.InvariantCulture, $"; it is to {ModelText.Shorten(description, 300)}");
            }

            if (outcome.Status == StepStatus.Succeeded && outcome.Output is { } output)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  output: {budget.Take(output)}");
            }

            if (outcome.Error is { Length: > 0 } stepError)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  error: {ModelText.Shorten(stepError, 1_000)}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Goal(string? goal) => goal is { Length: > 0 } ? goal : "(none given)";

    /// <summary>What is left of <see cref="MaxContextCharacters"/> for the outputs of one prompt.</summary>
    private sealed class Budget
    {
        private int _left = MaxContextCharacters;

        public string Take(JsonElement value)
        {
            if (_left <= 0)
            {
                return "(left out: the prompt holds enough outputs already)";
            }

            var text = ModelText.Shorten(value.GetRawText(), Math.Min(MaxValueCharacters, _left));
            _left -= text.Length;
            return text;
        }
    }
}
